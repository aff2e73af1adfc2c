import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AddProjectNoteDocument, type AddProjectNoteMutation, type AddProjectNoteMutationVariables } from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { createMockApolloClient, mockOperation, type MockResponse } from '@/shared/testing/mock-apollo-client';
import { allowed } from '@/shared/testing/permissions';
import NoteComposer from './NoteComposer.vue';

const users = [
  { id: 'u1', name: 'Oscar Order', handle: 'oscar', active: true },
  { id: 'u2', name: 'Ines Invoicing', handle: 'ines', active: true },
  { id: 'u3', name: 'Priya Production', handle: 'priya', active: true },
  { id: 'u4', name: 'Ivan Inactive', handle: 'ivan', active: false },
];

function added(input: AddProjectNoteMutationVariables['input']): { data: AddProjectNoteMutation } {
  return {
    data: {
      addNote: {
        __typename: 'NotePayload',
        userErrors: [],
        note: {
          __typename: 'Note',
          id: 'n1',
          bodyHtml: `<p>${input.body}</p>`,
          pinned: input.pinned ?? false,
          pinnedAt: input.pinned ? '2026-11-22T10:00:00.000Z' : null,
          createdAt: '2026-11-22T10:00:00.000Z',
          editedAt: null,
          version: 1,
          body: input.body,
          author: { __typename: 'User', id: 'u3', name: 'Priya Production', handle: 'priya' },
          pinnedBy: input.pinned ? { __typename: 'User', id: 'u3', name: 'Priya Production' } : null,
          purchaseOrder: null,
          salesOrder: null,
          invoice: null,
          can: { __typename: 'NoteCan', edit: allowed, delete: allowed, pin: allowed },
        },
      },
    },
  };
}

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()));

function mountComposer(respond: (v: AddProjectNoteMutationVariables) => MockResponse<AddProjectNoteMutation> = (v) => added(v.input)) {
  const { client, calls } = createMockApolloClient([mockOperation(AddProjectNoteDocument, respond)]);
  const wrapper = mount(NoteComposer, {
    attachTo: document.body,
    props: { projectId: 'p1', users },
    global: { provide: { [apolloClientKey as symbol]: client } },
  });
  mounted.push(wrapper);
  return { wrapper, calls };
}

async function type(wrapper: ReturnType<typeof mountComposer>['wrapper'], text: string) {
  const textarea = wrapper.find('textarea');
  const el = textarea.element as HTMLTextAreaElement;
  el.value = text;
  el.setSelectionRange(text.length, text.length);
  await textarea.trigger('input');
}

describe('NoteComposer', () => {
  it('lists the users matching what follows @ in an ARIA listbox', async () => {
    const { wrapper } = mountComposer();
    await type(wrapper, 'Please check @inv');

    const textarea = wrapper.find('textarea');
    expect(textarea.attributes('role')).toBe('combobox');
    expect(textarea.attributes('aria-expanded')).toBe('true');
    const listbox = wrapper.find('[role="listbox"]');
    expect(textarea.attributes('aria-controls')).toBe(listbox.attributes('id'));
    const options = wrapper.findAll('[role="option"]');
    expect(options.map((o) => o.text())).toEqual(['Ines Invoicing@ines']);
    expect(options[0]!.attributes('aria-selected')).toBe('true');
    expect(textarea.attributes('aria-activedescendant')).toBe(options[0]!.attributes('id'));
  });

  it('matches handles and name words, never inactive users, and not inside an e-mail address', async () => {
    const { wrapper } = mountComposer();
    await type(wrapper, '@i');
    expect(wrapper.findAll('[role="option"]').map((o) => o.text())).toEqual(['Ines Invoicing@ines']);

    await type(wrapper, 'mail ines@demo');
    expect(wrapper.find('textarea').attributes('aria-expanded')).toBe('false');
  });

  it('moves with the arrows and inserts the @handle on Enter', async () => {
    const { wrapper } = mountComposer();
    await type(wrapper, 'Hi @');
    const textarea = wrapper.find('textarea');
    expect(wrapper.findAll('[role="option"]')).toHaveLength(3);

    await textarea.trigger('keydown', { key: 'ArrowDown' });
    expect(wrapper.findAll('[role="option"]')[1]!.attributes('aria-selected')).toBe('true');
    await textarea.trigger('keydown', { key: 'ArrowUp' });
    await textarea.trigger('keydown', { key: 'ArrowUp' });
    expect(wrapper.findAll('[role="option"]')[2]!.attributes('aria-selected')).toBe('true');
    await textarea.trigger('keydown', { key: 'Enter' });

    expect((textarea.element as HTMLTextAreaElement).value).toBe('Hi @priya ');
    expect(textarea.attributes('aria-expanded')).toBe('false');
  });

  it('closes the list on Escape and keeps the text', async () => {
    const { wrapper } = mountComposer();
    await type(wrapper, 'Hi @os');
    const textarea = wrapper.find('textarea');
    expect(textarea.attributes('aria-expanded')).toBe('true');
    await textarea.trigger('keydown', { key: 'Escape' });
    expect(textarea.attributes('aria-expanded')).toBe('false');
    expect((textarea.element as HTMLTextAreaElement).value).toBe('Hi @os');
  });

  it('sends addNote with the body and the pinned flag, then clears the form', async () => {
    const { wrapper, calls } = mountComposer();
    await type(wrapper, '@inv');
    await wrapper.find('textarea').trigger('keydown', { key: 'Enter' });
    const textarea = wrapper.find('textarea');
    const el = textarea.element as HTMLTextAreaElement;
    el.value = `${el.value}invoice the 300 that shipped`;
    await textarea.trigger('input');
    await wrapper.find('[data-testid="note-pinned"]').setValue(true);
    await wrapper.find('form').trigger('submit');
    await vi.waitFor(() => expect(wrapper.emitted('added')).toBeTruthy());
    await flushPromises();

    expect(calls).toEqual([
      {
        operationName: 'AddProjectNote',
        variables: {
          input: {
            projectId: 'p1',
            body: '@ines invoice the 300 that shipped',
            pinned: true,
            purchaseOrderId: null,
            salesOrderId: null,
            invoiceId: null,
            followUp: null,
          },
        },
      },
    ]);
    expect((wrapper.find('textarea').element as HTMLTextAreaElement).value).toBe('');
    expect((wrapper.find('[data-testid="note-pinned"]').element as HTMLInputElement).checked).toBe(false);
  });

  it('shows a userError on the body next to the text area', async () => {
    const { wrapper } = mountComposer(() => ({
      data: {
        addNote: {
          __typename: 'NotePayload',
          note: null,
          userErrors: [{ __typename: 'UserError', code: 'INVALID_INPUT', message: 'A note needs some text.', field: ['input', 'body'] }],
        },
      },
    }));
    await type(wrapper, ' x');
    await wrapper.find('form').trigger('submit');
    await vi.waitFor(() => expect(wrapper.find('[data-testid="note-body-error"]').exists()).toBe(true));

    const error = wrapper.find('[data-testid="note-body-error"]');
    expect(error.text()).toBe('A note needs some text.');
    expect(wrapper.find('textarea').attributes('aria-describedby')).toBe(error.attributes('id'));
    expect(wrapper.find('textarea').attributes('aria-invalid')).toBe('true');
  });
});

describe('NoteComposer: a note that is also a follow-up', () => {
  it('sends who follows up and by when with the note, about the record the author chose', async () => {
    const { client, calls } = createMockApolloClient([mockOperation(AddProjectNoteDocument, (v) => added(v.input))]);
    const wrapper = mount(NoteComposer, {
      attachTo: document.body,
      props: { projectId: 'p1', users, records: [{ kind: 'purchaseOrder', id: 'po1', number: 'PO-1001' }, { kind: 'invoice', id: 'i1', number: 'INV-1001' }] },
      global: { provide: { [apolloClientKey as symbol]: client } },
    });
    mounted.push(wrapper);
    await type(wrapper, 'Chase the rest of the mugs');
    await wrapper.find('[data-testid="note-about"]').setValue('purchaseOrder:po1');
    await wrapper.find('[data-testid="note-follow-up"]').setValue(true);
    // inactive users are not offered
    expect(wrapper.findAll('[data-testid="follow-up-assignee"] option').map((o) => o.text())).not.toContain('Ivan Inactive');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(calls).toHaveLength(0);
    expect(wrapper.text()).toContain('Choose who follows up.');

    await wrapper.find('[data-testid="follow-up-assignee"]').setValue('u2');
    await wrapper.find('[data-testid="follow-up-due"]').setValue('2026-12-09');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(calls[0]!.variables).toEqual({
      input: {
        projectId: 'p1',
        body: 'Chase the rest of the mugs',
        pinned: false,
        purchaseOrderId: 'po1',
        salesOrderId: null,
        invoiceId: null,
        followUp: { assigneeId: 'u2', dueOn: '2026-12-09', body: null },
      },
    });
    expect(wrapper.find('[data-testid="follow-up-fields"]').exists()).toBe(false);
  });
});
