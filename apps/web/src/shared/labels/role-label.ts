import type { Role } from '@/gql/graphql';

// Typed by the schema's Role: a role added to the API fails the typecheck here until it has a label.
const roleLabels: Record<Role, string> = {
  ACCOUNTANT: 'Accountant',
  ADMIN: 'Admin',
  INVOICING_REP: 'Invoicing rep',
  ORDER_REP: 'Order rep',
  PRODUCTION_REP: 'Production rep',
  PURCHASING: 'Purchasing',
};

export function roleLabel(role: Role): string {
  return roleLabels[role];
}
