import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { LogInDocument, type LogInMutation, type LogInMutationVariables } from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { createMockApolloClient, mockOperation, type MockResponse } from '@/shared/testing/mock-apollo-client';
import SessionSignInPage from './SessionSignInPage.vue';

type LogInPayload = LogInMutation['logIn'];

const refused = (...userErrors: Omit<LogInPayload['userErrors'][number], '__typename'>[]): { data: LogInMutation } => ({
  data: {
    logIn: {
      __typename: 'SessionPayload',
      session: null,
      userErrors: userErrors.map((e) => ({ __typename: 'UserError', ...e })),
    },
  },
});

const signedIn: { data: LogInMutation } = {
  data: {
    logIn: {
      __typename: 'SessionPayload',
      session: {
        __typename: 'Session',
        user: { __typename: 'User', id: 'u1', name: 'Ada Admin' },
        organization: { __typename: 'Organization', id: 'o1', name: 'Demo Manufacturing' },
      },
      userErrors: [],
    },
  },
};

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((wrapper) => wrapper.unmount()));

async function mountSignInPage(
  respond: (variables: LogInMutationVariables) => MockResponse<LogInMutation>,
  path = '/sign-in',
) {
  const { client, calls } = createMockApolloClient([mockOperation(LogInDocument, respond)]);
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/sign-in', name: 'sign-in', component: SessionSignInPage },
      { path: '/', name: 'home', component: { render: () => h('p', 'Home') } },
      { path: '/orders', name: 'orders', component: { render: () => h('p', 'Orders') } },
    ],
  });
  await router.push(path);
  await router.isReady();
  const wrapper = mount(SessionSignInPage, {
    attachTo: document.body,
    global: { plugins: [router], provide: { [apolloClientKey as symbol]: client } },
  });
  mounted.push(wrapper);
  return { wrapper, router, calls };
}

/** The mocked API answers on a later tick, as a server would: wait until the page has taken it in. */
async function settled(done: () => boolean): Promise<void> {
  await vi.waitFor(() => {
    if (!done()) throw new Error('still waiting for the response');
  });
  await flushPromises();
}

async function fillAndSubmit(wrapper: Awaited<ReturnType<typeof mountSignInPage>>['wrapper'], email: string, password: string) {
  await wrapper.find('input[name="email"]').setValue(email);
  await wrapper.find('input[name="password"]').setValue(password);
  await wrapper.find('form').trigger('submit');
}

describe('SessionSignInPage', () => {
  it('labels its fields and offers a "Sign in" submit button', async () => {
    const { wrapper } = await mountSignInPage(() => signedIn);
    const email = wrapper.find('input[name="email"]');
    const password = wrapper.find('input[name="password"]');
    expect(wrapper.find(`label[for="${email.attributes('id')}"]`).text()).toBe('E-mail');
    expect(wrapper.find(`label[for="${password.attributes('id')}"]`).text()).toBe('Password');
    expect(email.attributes('autocomplete')).toBe('username');
    expect(password.attributes('autocomplete')).toBe('current-password');
    const submit = wrapper.find('button[type="submit"]');
    expect(submit.text()).toBe('Sign in');
  });

  it('shows an error that names the email field next to that field', async () => {
    const { wrapper, calls } = await mountSignInPage(() =>
      refused({ code: 'INVALID_INPUT', message: 'Enter a valid e-mail address.', field: ['email'] }),
    );

    await fillAndSubmit(wrapper, '  not-an-address ', 'secret');
    await settled(() => wrapper.find('[data-testid="email-error"]').exists());

    expect(calls).toEqual([{ operationName: 'LogIn', variables: { email: 'not-an-address', password: 'secret' } }]);
    const email = wrapper.find('input[name="email"]');
    const error = wrapper.find('[data-testid="email-error"]');
    expect(error.text()).toBe('Enter a valid e-mail address.');
    // "Next to the field": in the email field's group, and announced with it.
    expect(email.element.parentElement?.contains(error.element)).toBe(true);
    expect(email.attributes('aria-describedby')).toBe(error.attributes('id'));
    expect(email.attributes('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(email.element);
    expect(wrapper.find('[data-testid="form-error"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="password-error"]').exists()).toBe(false);
  });

  it('shows INVALID_CREDENTIALS above the form, not on a field', async () => {
    const { wrapper, router } = await mountSignInPage(() =>
      refused({ code: 'INVALID_CREDENTIALS', message: 'Wrong e-mail or password.', field: null }),
    );

    await fillAndSubmit(wrapper, 'admin@demo.test', 'not-the-password');
    await settled(() => wrapper.find('[data-testid="form-error"]').exists());

    const alert = wrapper.find('[data-testid="form-error"]');
    expect(alert.attributes('role')).toBe('alert');
    expect(alert.text()).toBe('Wrong e-mail or password.');
    const form = wrapper.find('form').element;
    expect(alert.element.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(form.contains(alert.element)).toBe(false);
    expect(wrapper.find('[data-testid="email-error"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="password-error"]').exists()).toBe(false);
    expect(router.currentRoute.value.name).toBe('sign-in');
  });

  it('disables the button while signing in, then goes to `next`', async () => {
    const { wrapper, router } = await mountSignInPage(() => signedIn, '/sign-in?next=/orders');

    await fillAndSubmit(wrapper, 'admin@demo.test', 'baton-demo');
    expect(wrapper.find('button[type="submit"]').attributes('disabled')).toBeDefined();
    await settled(() => router.currentRoute.value.name !== 'sign-in');

    expect(router.currentRoute.value.fullPath).toBe('/orders');
  });

  it('never follows a `next` that leaves the site', async () => {
    const { wrapper, router } = await mountSignInPage(() => signedIn, '/sign-in?next=//evil.example/');

    await fillAndSubmit(wrapper, 'admin@demo.test', 'baton-demo');
    await settled(() => router.currentRoute.value.name !== 'sign-in');

    expect(router.currentRoute.value.fullPath).toBe('/');
  });

  it('says so readably when the API cannot be reached', async () => {
    const { wrapper } = await mountSignInPage(() => new TypeError('Failed to fetch'));

    await fillAndSubmit(wrapper, 'admin@demo.test', 'baton-demo');
    await settled(() => wrapper.find('[data-testid="form-error"]').exists());

    expect(wrapper.find('[data-testid="form-error"]').text()).toBe('Baton cannot be reached. Check your connection and try again.');
    expect(wrapper.find('button[type="submit"]').attributes('disabled')).toBeUndefined();
  });

  it('sends nothing with an empty field and says which one is missing, under it', async () => {
    const { wrapper, calls } = await mountSignInPage(() => signedIn);

    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(calls).toEqual([]);
    expect(wrapper.find('[data-testid="email-error"]').text()).toBe('Enter your e-mail address.');
    expect(wrapper.find('[data-testid="password-error"]').text()).toBe('Enter your password.');
    expect(wrapper.find('input[name="email"]').attributes('aria-describedby')).toBe('sign-in-email-error');
    expect(document.activeElement).toBe(wrapper.find('input[name="email"]').element);
    expect(wrapper.find('[data-testid="form-error"]').exists()).toBe(false);

    await wrapper.find('input[name="email"]').setValue('admin@demo.test');
    expect(wrapper.find('[data-testid="email-error"]').exists()).toBe(false);
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(calls).toEqual([]);
    expect(wrapper.find('[data-testid="password-error"]').text()).toBe('Enter your password.');
    expect(document.activeElement).toBe(wrapper.find('input[name="password"]').element);
  });
});
