import type { ApolloClient } from '@apollo/client';
import type { NavigationGuardWithThis, RouteLocationRaw } from 'vue-router';
import { ViewerDocument } from '@/gql/graphql';

declare module 'vue-router' {
  interface RouteMeta {
    /** Only for signed-in users; others go to /sign-in?next=… */
    requiresViewer?: boolean;
    /** Only for signed-out users (the sign-in page); signed-in users go on to `next` or /. */
    guestOnly?: boolean;
  }
}

/** Where `next` may send the browser: a path on this site only, never another origin. */
export function safeNext(next: unknown): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value;
}

/** The sign-in page, remembering where the person wanted to go (nothing to remember for /). */
export function signInLocation(fullPath: string): RouteLocationRaw {
  return { name: 'sign-in', query: fullPath === '/' ? {} : { next: fullPath } };
}

/**
 * Asks the API who is signed in before entering a route that cares.
 * Signed-in routes read the cache first (one request per page load); the sign-in page asks
 * the network, so a session started or ended elsewhere is seen. If the API cannot be reached
 * the navigation goes on: the signed-in layout then shows the error with a retry button.
 */
export function createSessionGuard(client: ApolloClient): NavigationGuardWithThis<undefined> {
  return async (to): Promise<true | RouteLocationRaw> => {
    const requiresViewer = to.matched.some((record) => record.meta.requiresViewer);
    const guestOnly = to.matched.some((record) => record.meta.guestOnly);
    if (!requiresViewer && !guestOnly) return true;

    let signedIn: boolean;
    try {
      const { data } = await client.query({
        query: ViewerDocument,
        fetchPolicy: guestOnly ? 'network-only' : 'cache-first',
      });
      signedIn = Boolean(data?.me);
    } catch {
      return true;
    }

    if (requiresViewer && !signedIn) {
      return signInLocation(to.fullPath);
    }
    if (guestOnly && signedIn) return safeNext(to.query.next);
    return true;
  };
}
