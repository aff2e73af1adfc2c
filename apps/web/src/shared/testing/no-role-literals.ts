import { expect } from 'vitest';
import { Role } from '@/gql/graphql';

/**
 * The web app keeps no copy of the role table (DOMAIN.md, "What the viewer may do"): a component
 * shows an action from its record's `can`, never from the viewer's roles. Checks a component's
 * source (imported with `?raw`) names no role and reads no `roles`.
 */
export function expectNoRoleLiterals(source: string, name: string): void {
  for (const role of Object.values(Role)) expect(source, `${name} names the role ${role}`).not.toContain(role);
  expect(source, `${name} reads the viewer's roles`).not.toMatch(/\broles\b/);
}
