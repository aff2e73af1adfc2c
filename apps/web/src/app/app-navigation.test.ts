import { describe, expect, it } from 'vitest';
import { navigationFor } from './app-navigation';

const routesOf = (roles: Parameters<typeof navigationFor>[0]) => navigationFor(roles).flatMap((group) => group.links.map((link) => link.to));

describe('navigationFor', () => {
  it('gives a production rep the production report but not the invoicing queue, catalog or admin', () => {
    const routes = routesOf(['PRODUCTION_REP']);
    expect(routes).toEqual(expect.arrayContaining(['home', 'projects', 'production', 'reports', 'settings']));
    expect(routes).not.toContain('invoicing-queue');
    expect(routes).not.toContain('clients');
    expect(routes).not.toContain('users');
  });

  it('gives an invoicing rep the invoicing queue and no production report', () => {
    const routes = routesOf(['INVOICING_REP']);
    expect(routes).toContain('invoicing-queue');
    expect(routes).not.toContain('production');
  });

  it('gives purchasing the catalog and every stock report', () => {
    const routes = routesOf(['PURCHASING']);
    expect(routes).toEqual(expect.arrayContaining(['clients', 'suppliers', 'products', 'report-backorders', 'report-backlog', 'report-reorder']));
    expect(routes).not.toContain('users');
  });

  it('gives an admin everything, once', () => {
    const routes = routesOf(['ADMIN']);
    expect(routes).toEqual(expect.arrayContaining(['production', 'invoicing-queue', 'clients', 'users', 'report-invoices']));
    expect(new Set(routes).size).toBe(routes.length);
  });

  it('combines the links of several roles', () => {
    const routes = routesOf(['ACCOUNTANT', 'PURCHASING']);
    expect(routes).toEqual(expect.arrayContaining(['invoicing-queue', 'report-invoices', 'report-reorder', 'products']));
  });
});
