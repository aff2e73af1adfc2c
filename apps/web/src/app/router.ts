import type { ApolloClient } from '@apollo/client';
import { createRouter, createWebHistory, type RouteRecordRaw, type RouterHistory } from 'vue-router';
import { createSessionGuard } from '@/features/session/session.guard';

declare module 'vue-router' {
  interface RouteMeta {
    /** Shown in the browser tab as "<title> · Baton". */
    title?: string;
  }
}

// Every page is its own chunk: a user downloads only the pages they open.
export const routes: RouteRecordRaw[] = [
  {
    path: '/sign-in',
    name: 'sign-in',
    component: () => import('@/features/session/pages/SessionSignInPage.vue'),
    meta: { guestOnly: true, title: 'Sign in' },
  },
  {
    path: '/',
    component: () => import('./AppSignedInLayout.vue'),
    meta: { requiresViewer: true },
    children: [
      {
        path: '',
        name: 'home',
        component: () => import('@/features/inbox/pages/InboxPage.vue'),
        meta: { title: 'Inbox' },
      },
      {
        path: 'follow-ups',
        name: 'follow-ups',
        component: () => import('@/features/follow-ups/pages/MyFollowUpsPage.vue'),
        meta: { title: 'My follow-ups' },
      },
      {
        path: 'projects',
        name: 'projects',
        component: () => import('@/features/projects/pages/ProjectsListPage.vue'),
        meta: { title: 'Projects' },
      },
      {
        path: 'projects/new',
        name: 'project-new',
        component: () => import('@/features/projects/pages/ProjectCreatePage.vue'),
        meta: { title: 'New project' },
      },
      {
        path: 'projects/:id',
        name: 'project',
        component: () => import('@/features/projects/pages/ProjectOverviewPage.vue'),
        meta: { title: 'Project' },
      },
      {
        path: 'production',
        name: 'production',
        component: () => import('@/features/production/pages/ProductionReportPage.vue'),
        meta: { title: 'Production report' },
      },
      {
        path: 'projects/:projectId/sales-orders/new',
        name: 'sales-order-new',
        component: () => import('@/features/sales-orders/pages/SalesOrderCreatePage.vue'),
        meta: { title: 'New sales order' },
      },
      {
        path: 'sales-orders',
        name: 'sales-orders',
        component: () => import('@/features/sales-orders/pages/SalesOrdersListPage.vue'),
        meta: { title: 'Sales orders' },
      },
      {
        path: 'sales-orders/:id',
        name: 'sales-order',
        component: () => import('@/features/sales-orders/pages/SalesOrderPage.vue'),
        meta: { title: 'Sales order' },
      },
      {
        path: 'sales-orders/:id/invoice',
        name: 'invoice-new',
        component: () => import('@/features/invoices/pages/InvoiceCreatePage.vue'),
        meta: { title: 'New invoice' },
      },
      {
        path: 'invoices/:id',
        name: 'invoice',
        component: () => import('@/features/invoices/pages/InvoicePage.vue'),
        meta: { title: 'Invoice' },
      },
      {
        path: 'invoicing',
        name: 'invoicing-queue',
        component: () => import('@/features/invoices/pages/InvoicingQueuePage.vue'),
        meta: { title: 'Invoicing queue' },
      },
      {
        path: 'purchase-orders/new',
        name: 'purchase-order-new',
        component: () => import('@/features/purchase-orders/pages/PurchaseOrderCreatePage.vue'),
        meta: { title: 'New purchase order' },
      },
      {
        path: 'purchase-orders/:id',
        name: 'purchase-order',
        component: () => import('@/features/purchase-orders/pages/PurchaseOrderPage.vue'),
        meta: { title: 'Purchase order' },
      },
      {
        path: 'reports',
        name: 'reports',
        component: () => import('@/features/reports/pages/BusinessAlertsPage.vue'),
        meta: { title: 'Reports' },
      },
      {
        path: 'reports/invoices',
        name: 'report-invoices',
        component: () => import('@/features/reports/pages/InvoicesReportPage.vue'),
        meta: { title: 'Invoices report' },
      },
      {
        path: 'reports/aging',
        name: 'report-aging',
        component: () => import('@/features/reports/pages/ReceivablesAgingPage.vue'),
        meta: { title: 'Receivables aging' },
      },
      {
        path: 'reports/backorders',
        name: 'report-backorders',
        component: () => import('@/features/reports/pages/BackorderReportPage.vue'),
        meta: { title: 'Backorder report' },
      },
      {
        path: 'reports/backlog',
        name: 'report-backlog',
        component: () => import('@/features/reports/pages/OrderBacklogPage.vue'),
        meta: { title: 'Order backlog by product' },
      },
      {
        path: 'reports/reorder',
        name: 'report-reorder',
        component: () => import('@/features/reports/pages/ReorderReportPage.vue'),
        meta: { title: 'Inventory reorder report' },
      },
      {
        path: 'catalog/clients',
        name: 'clients',
        component: () => import('@/features/catalog/pages/ClientsPage.vue'),
        meta: { title: 'Clients' },
      },
      {
        path: 'catalog/suppliers',
        name: 'suppliers',
        component: () => import('@/features/catalog/pages/SuppliersPage.vue'),
        meta: { title: 'Suppliers' },
      },
      {
        path: 'catalog/products',
        name: 'products',
        component: () => import('@/features/catalog/pages/ProductsPage.vue'),
        meta: { title: 'Products' },
      },
      {
        path: 'admin/users',
        name: 'users',
        component: () => import('@/features/admin/pages/UsersPage.vue'),
        meta: { title: 'Users' },
      },
      {
        path: 'admin/organization',
        name: 'organization-settings',
        component: () => import('@/features/admin/pages/OrganizationSettingsPage.vue'),
        meta: { title: 'Organization' },
      },
      {
        path: 'settings',
        name: 'settings',
        component: () => import('@/features/admin/pages/SettingsPage.vue'),
        meta: { title: 'My settings' },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('./AppNotFoundPage.vue'),
        meta: { title: 'Page not found' },
      },
    ],
  },
];

export function createAppRouter(client: ApolloClient, history: RouterHistory = createWebHistory()) {
  const router = createRouter({ history, routes });
  router.beforeEach(createSessionGuard(client));
  router.afterEach((to) => {
    const title = [...to.matched].reverse().find((record) => record.meta.title)?.meta.title;
    document.title = title ? `${title} · Baton` : 'Baton';
  });
  return router;
}
