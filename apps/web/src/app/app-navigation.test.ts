import { describe, expect, it } from 'vitest';
import type { ViewerCan } from '@/features/session/composables/use-viewer-can';
import { routes } from './router';
import { activeLinkFor, navigationFor } from './app-navigation';

const allowed = { __typename: 'Permission', allowed: true, code: null, reason: null } as const;
const forbidden = { __typename: 'Permission', allowed: false, code: 'FORBIDDEN', reason: 'Only admins add users.' } as const;

function viewerCan(overrides: Partial<ViewerCan> = {}): ViewerCan {
  return {
    __typename: 'ViewerCan',
    createUser: forbidden,
    createClient: forbidden,
    createSupplier: forbidden,
    createProduct: forbidden,
    adjustStock: forbidden,
    createProject: forbidden,
    createPurchaseOrder: forbidden,
    exportInvoices: forbidden,
    scheduleSalesOrders: forbidden,
    followInvoicingQueue: forbidden,
    updateOrganization: forbidden,
    ...overrides,
  };
}

const routesOf = (can: ViewerCan | null) => navigationFor(can).flatMap((group) => group.links.map((link) => link.to));

describe('navigationFor', () => {
  it('gives everyone every page they may read, once', () => {
    const routes = routesOf(viewerCan());
    expect(routes).toEqual([
      'home',
      'follow-ups',
      'projects',
      'sales-orders',
      'production',
      'invoicing-queue',
      'reports',
      'report-invoices',
      'report-aging',
      'report-backorders',
      'report-backlog',
      'report-reorder',
      'clients',
      'suppliers',
      'products',
      'settings',
    ]);
  });

  it('shows the users page only to whom the server allows to add users', () => {
    expect(routesOf(viewerCan())).not.toContain('users');
    expect(routesOf(viewerCan({ createUser: allowed }))).toContain('users');
    expect(navigationFor(viewerCan()).map((group) => group.label)).not.toContain('Admin');
  });

  it("shows the organization's settings only to whom the server allows to change them", () => {
    expect(routesOf(viewerCan())).not.toContain('organization-settings');
    expect(routesOf(viewerCan({ updateOrganization: allowed }))).toContain('organization-settings');
  });

  it('shows no gated page before the server has answered', () => {
    expect(routesOf(null)).not.toContain('users');
    expect(routesOf(null)).toContain('projects');
  });
});

describe('activeLinkFor', () => {
  const active = (name: string) => activeLinkFor(name, viewerCan())?.label ?? null;

  it('highlights the section of the page, whichever page it was opened from', () => {
    expect(active('sales-order')).toBe('Sales orders');
    expect(active('invoice-new')).toBe('Sales orders');
    expect(active('sales-orders')).toBe('Sales orders');
    expect(active('project')).toBe('Projects');
    expect(active('sales-order-new')).toBe('Projects');
    expect(active('purchase-order')).toBe('Production report');
    expect(active('invoice')).toBe('Invoicing queue');
    expect(active('report-invoices')).toBe('Invoices');
    expect(active('not-found')).toBeNull();
    expect(activeLinkFor(null, null)).toBeNull();
  });

  it('gives every page of the app at most one highlighted link', () => {
    const names = routes.flatMap((r) => [r.name, ...(r.children ?? []).map((c) => c.name)]).filter((n): n is string => typeof n === 'string');
    expect(names.length).toBeGreaterThan(20);
    const links = navigationFor(viewerCan({ createUser: allowed })).flatMap((g) => g.links);
    for (const name of names) {
      const matching = links.filter((l) => l.to === name || l.alsoActiveOn?.includes(name));
      expect(matching.length, name).toBeLessThanOrEqual(1);
    }
  });
});
