import type { VueWrapper } from '@vue/test-utils';
import { expect } from 'vitest';

/** What a page should make of one action's permission. */
export type ActionShown = 'enabled' | 'explained' | 'absent';

/**
 * Checks the control(s) with `testId`: enabled (a link, or a button that is not disabled), explained (a
 * disabled button whose aria-describedby names the visible reason given), or absent (and no reason).
 */
export function expectAction(wrapper: VueWrapper, testId: string, shown: ActionShown, reason?: string): void {
  const controls = wrapper.findAll(`[data-testid="${testId}"]`);
  const reasons = wrapper.findAll(`[data-testid="${testId}-reason"]`);
  if (shown === 'absent') {
    expect(controls, `${testId} should be absent`).toHaveLength(0);
    expect(reasons, `${testId} should give no reason`).toHaveLength(0);
    return;
  }
  expect(controls.length, `${testId} should be shown`).toBeGreaterThan(0);
  if (shown === 'enabled') {
    // A group of controls (one per status, say) may keep the one that is already so disabled.
    expect(
      controls.some((control) => control.attributes('disabled') === undefined),
      `${testId} should be enabled`,
    ).toBe(true);
    expect(reasons, `${testId} should give no reason`).toHaveLength(0);
    return;
  }
  for (const control of controls) {
    expect(control.element.tagName, `${testId} should be a button`).toBe('BUTTON');
    expect(control.attributes('disabled'), `${testId} should be disabled`).toBeDefined();
    const described = control.attributes('aria-describedby');
    expect(described, `${testId} should be described by its reason`).toBeTruthy();
    const reasonElement = wrapper.find(`[id="${described}"]`);
    expect(reasonElement.exists(), `${testId}'s reason should be on the page`).toBe(true);
    expect(reasonElement.text()).toBe(reason);
  }
}
