import type { EntityManager } from '@mikro-orm/postgresql';

/** What a loader is made from: the request's EntityManager and the viewer's organization. */
export interface LoaderScope {
  em: EntityManager;
  organizationId: string;
}

/** How a feature makes one of its per-request loaders (a DataLoader, a cache of prefetched rows). */
export type LoaderFactory<T> = (scope: LoaderScope) => T;

// Without a viewer, loaders read for no organization: they find nothing.
const NOBODY = '00000000-0000-0000-0000-000000000000';

/**
 * A request's loaders, for figures that are aggregates rather than relations (relations batch
 * through MikroORM's own dataloader, or come prefetched with a project's tree). Each feature declares
 * its own next to its queries and asks `ctx.loaders.get(factory)`: the first ask in a request makes
 * it, later ones share it, so each loader is one query per batch whatever the list size.
 */
export class Loaders {
  private readonly made = new Map<LoaderFactory<unknown>, unknown>();
  private readonly scope: LoaderScope;

  constructor(em: EntityManager, organizationId: string | undefined) {
    this.scope = { em, organizationId: organizationId ?? NOBODY };
  }

  get<T>(factory: LoaderFactory<T>): T {
    if (!this.made.has(factory)) this.made.set(factory, factory(this.scope));
    return this.made.get(factory) as T;
  }
}
