import type { Role } from '@/gql/graphql';

export interface NavigationLink {
  label: string;
  /** route name */
  to: string;
  /** other routes under this link, so it stays highlighted on their pages */
  alsoActiveOn?: readonly string[];
  testId: string;
}

export interface NavigationGroup {
  /** null: the group's links stand without a heading */
  label: string | null;
  links: NavigationLink[];
}

type Rule = { roles: readonly Role[] | 'all'; link: NavigationLink };

const everyone = 'all' as const;

// Who sees what: the links follow DOMAIN.md's table of who works where. The server still
// decides every write; hiding a link only spares people pages they have no work on.
const groups: { label: string | null; rules: Rule[] }[] = [
  {
    label: null,
    rules: [
      { roles: everyone, link: { label: 'Inbox', to: 'home', testId: 'nav-inbox' } },
      {
        roles: everyone,
        link: { label: 'Projects', to: 'projects', alsoActiveOn: ['project', 'project-new', 'sales-order-new', 'sales-order', 'invoice-new'], testId: 'nav-projects' },
      },
      {
        roles: ['PRODUCTION_REP', 'ORDER_REP', 'ADMIN'],
        link: { label: 'Production report', to: 'production', alsoActiveOn: ['purchase-order', 'purchase-order-new'], testId: 'nav-production' },
      },
      {
        roles: ['INVOICING_REP', 'ACCOUNTANT', 'ADMIN'],
        link: { label: 'Invoicing queue', to: 'invoicing-queue', alsoActiveOn: ['invoice'], testId: 'nav-invoicing-queue' },
      },
    ],
  },
  {
    label: 'Reports',
    rules: [
      { roles: everyone, link: { label: 'Business alerts', to: 'reports', testId: 'nav-reports' } },
      { roles: ['ACCOUNTANT', 'INVOICING_REP', 'ORDER_REP', 'ADMIN'], link: { label: 'Invoices', to: 'report-invoices', testId: 'nav-report-invoices' } },
      {
        roles: ['PURCHASING', 'ACCOUNTANT', 'ORDER_REP', 'INVOICING_REP', 'ADMIN'],
        link: { label: 'Backorders', to: 'report-backorders', testId: 'nav-report-backorders' },
      },
      { roles: ['PURCHASING', 'ORDER_REP', 'ADMIN'], link: { label: 'Order backlog', to: 'report-backlog', testId: 'nav-report-backlog' } },
      { roles: ['PURCHASING', 'ADMIN'], link: { label: 'Reorder', to: 'report-reorder', testId: 'nav-report-reorder' } },
    ],
  },
  {
    label: 'Catalog',
    rules: [
      { roles: ['ADMIN', 'ORDER_REP', 'PURCHASING'], link: { label: 'Clients', to: 'clients', testId: 'nav-clients' } },
      { roles: ['ADMIN', 'ORDER_REP', 'PURCHASING'], link: { label: 'Suppliers', to: 'suppliers', testId: 'nav-suppliers' } },
      { roles: ['ADMIN', 'ORDER_REP', 'PURCHASING'], link: { label: 'Products', to: 'products', testId: 'nav-products' } },
    ],
  },
  {
    label: 'Admin',
    rules: [{ roles: ['ADMIN'], link: { label: 'Users', to: 'users', testId: 'nav-users' } }],
  },
  {
    label: null,
    rules: [{ roles: everyone, link: { label: 'My settings', to: 'settings', testId: 'nav-settings' } }],
  },
];

/** The navigation a user with these roles sees; empty groups are left out. */
export function navigationFor(roles: readonly Role[]): NavigationGroup[] {
  return groups
    .map((group) => ({
      label: group.label,
      links: group.rules.filter((rule) => rule.roles === everyone || rule.roles.some((role) => roles.includes(role))).map((rule) => rule.link),
    }))
    .filter((group) => group.links.length > 0);
}
