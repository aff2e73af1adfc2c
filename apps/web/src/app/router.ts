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
        component: () => import('@/features/home/pages/HomeWelcomePage.vue'),
        meta: { title: 'Home' },
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
