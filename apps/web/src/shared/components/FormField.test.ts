import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { h } from 'vue';
import FormField from './FormField.vue';

function mountField(props: { error?: string; hint?: string; errorTestid?: string }) {
  return mount(FormField, {
    props: { for: 'f-name', label: 'Name', ...props },
    slots: { default: (control: Record<string, unknown>) => h('input', { ...control, name: 'name' }) },
  });
}

describe('FormField', () => {
  it('labels the control, and points it at its hint while nothing is wrong', () => {
    const wrapper = mountField({ hint: 'As on the invoice.' });
    const input = wrapper.find('input');
    expect(wrapper.find(`label[for="${input.attributes('id')}"]`).text()).toBe('Name');
    expect(input.attributes('aria-invalid')).toBeUndefined();
    expect(wrapper.find(`#${input.attributes('aria-describedby')}`).text()).toBe('As on the invoice.');
  });

  it('describes a bare control by nothing', () => {
    const input = mountField({}).find('input');
    expect(input.attributes('aria-describedby')).toBeUndefined();
    expect(input.attributes('aria-invalid')).toBeUndefined();
  });

  it('shows the error instead of the hint, marks the control invalid and points it at the message', () => {
    const wrapper = mountField({ hint: 'As on the invoice.', error: 'Enter a name.', errorTestid: 'name-error' });
    const input = wrapper.find('input');
    expect(input.attributes('aria-invalid')).toBe('true');
    expect(input.attributes('aria-describedby')).toBe('f-name-error');
    expect(wrapper.find('[data-testid="name-error"]').attributes('id')).toBe('f-name-error');
    expect(wrapper.find('[data-testid="name-error"]').text()).toBe('Enter a name.');
    expect(wrapper.text()).not.toContain('As on the invoice.');
  });
});
