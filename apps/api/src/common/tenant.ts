import { helper, ManyToOne, type EventSubscriber, type FlushEventArgs, type Ref } from '@mikro-orm/core';
import { Organization } from './organization.entity.js';

export const TENANT_FILTER = 'tenant';

export interface TenantParams {
  organizationId: string;
}

/**
 * Every record but the organization itself extends this. The ORM's `tenant` filter (on by default,
 * see orm-config.ts) adds `organization = :viewer's` to every read of these entities, including
 * relations loaded on the way; a query made with no viewer set throws instead of reading across
 * organizations. Writes are guarded by TenantGuard below.
 */
export abstract class TenantEntity {
  @ManyToOne({ entity: () => Organization, ref: true, deleteRule: 'cascade', updateRule: 'cascade' })
  organization!: Ref<Organization>;
}

/**
 * New records take the viewer's organization when none was set; a record of another organization
 * can be neither created nor changed through a viewer's EntityManager.
 */
export class TenantGuard implements EventSubscriber {
  beforeFlush({ em, uow }: FlushEventArgs): void {
    const params = em.getFilterParams<TenantParams>(TENANT_FILTER);
    if (!params) return;
    for (const entity of uow.getPersistStack()) {
      // Only new records: a reference to an existing one (cascaded here) is not to be touched.
      if (entity instanceof TenantEntity && !entity.organization && !helper(entity).__originalEntityData && helper(entity).__initialized) {
        entity.organization = em.getReference(Organization, params.organizationId, { wrapped: true });
      }
    }
  }

  onFlush({ em, uow }: FlushEventArgs): void {
    const params = em.getFilterParams<TenantParams>(TENANT_FILTER);
    for (const cs of uow.getChangeSets()) {
      const entity = cs.entity as unknown;
      if (!(entity instanceof TenantEntity)) continue;
      if (!entity.organization) throw new Error(`${cs.name} written without an organization`);
      if (params && entity.organization.id !== params.organizationId)
        throw new Error(`${cs.name} of another organization cannot be written by this viewer`);
    }
  }
}
