import type { ViewerCan } from '@/features/session/composables/use-viewer-can';

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

/** A link everyone may follow (everybody reads everything of their organization), or only with `needs`. */
type Entry = { link: NavigationLink; needs?: Exclude<keyof ViewerCan, '__typename'> };

// No role table here: every page but the admin's is a page everyone may read; the admin's users page
// is shown to whom the server allows to add users, the organization's settings to whom it allows to change them. What each page then offers comes from `can`.
const groups: { label: string | null; entries: Entry[] }[] = [
  {
    label: null,
    entries: [
      { link: { label: 'Inbox', to: 'home', testId: 'nav-inbox' } },
      { link: { label: 'My follow-ups', to: 'follow-ups', testId: 'nav-follow-ups' } },
      { link: { label: 'Projects', to: 'projects', alsoActiveOn: ['project', 'project-new', 'sales-order-new'], testId: 'nav-projects' } },
      { link: { label: 'Sales orders', to: 'sales-orders', alsoActiveOn: ['sales-order', 'invoice-new'], testId: 'nav-sales-orders' } },
      { link: { label: 'Production report', to: 'production', alsoActiveOn: ['purchase-order', 'purchase-order-new'], testId: 'nav-production' } },
      { link: { label: 'Invoicing queue', to: 'invoicing-queue', alsoActiveOn: ['invoice'], testId: 'nav-invoicing-queue' } },
    ],
  },
  {
    label: 'Reports',
    entries: [
      { link: { label: 'Business alerts', to: 'reports', testId: 'nav-reports' } },
      { link: { label: 'Invoices', to: 'report-invoices', testId: 'nav-report-invoices' } },
      { link: { label: 'Receivables aging', to: 'report-aging', testId: 'nav-report-aging' } },
      { link: { label: 'Backorders', to: 'report-backorders', testId: 'nav-report-backorders' } },
      { link: { label: 'Order backlog', to: 'report-backlog', testId: 'nav-report-backlog' } },
      { link: { label: 'Reorder', to: 'report-reorder', testId: 'nav-report-reorder' } },
    ],
  },
  {
    label: 'Catalog',
    entries: [
      { link: { label: 'Clients', to: 'clients', testId: 'nav-clients' } },
      { link: { label: 'Suppliers', to: 'suppliers', testId: 'nav-suppliers' } },
      { link: { label: 'Products', to: 'products', testId: 'nav-products' } },
    ],
  },
  {
    label: 'Admin',
    entries: [
      { needs: 'createUser', link: { label: 'Users', to: 'users', testId: 'nav-users' } },
      { needs: 'updateOrganization', link: { label: 'Organization', to: 'organization-settings', testId: 'nav-organization' } },
    ],
  },
  {
    label: null,
    entries: [{ link: { label: 'My settings', to: 'settings', testId: 'nav-settings' } }],
  },
];

/** The navigation for what the server says the viewer may do (null: not known yet); empty groups are left out. */
export function navigationFor(viewerCan: ViewerCan | null): NavigationGroup[] {
  return groups
    .map((group) => ({
      label: group.label,
      links: group.entries.filter((entry) => !entry.needs || viewerCan?.[entry.needs].allowed === true).map((entry) => entry.link),
    }))
    .filter((group) => group.links.length > 0);
}

/**
 * The one link highlighted on a page: the section its route belongs to (a sales order is under
 * "Sales orders" however it was reached — from a project, a report or the search), null for a page
 * of no section.
 */
export function activeLinkFor(routeName: string | null | undefined, viewerCan: ViewerCan | null): NavigationLink | null {
  if (!routeName) return null;
  const links = navigationFor(viewerCan).flatMap((group) => group.links);
  return links.find((link) => link.to === routeName) ?? links.find((link) => link.alsoActiveOn?.includes(routeName)) ?? null;
}
