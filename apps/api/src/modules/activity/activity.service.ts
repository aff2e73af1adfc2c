import type { StoredParams } from '@baton/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import { TENANT_FILTER, type TenantParams } from '../../common/tenant.js';
import { queueLive } from '../notification/live.js';
import { ActivityEvent } from './activity-event.entity.js';

export interface ActivityInput {
  kind: string;
  /** Its text as worded when it happened (kept for search and old readers)… */
  message: string;
  /** …and what it is worded from when shown (describeActivity). */
  params?: StoredParams | null;
  projectId?: string | null;
  entityId?: string | null;
  /** null when an automatic rule did it. */
  actorId: string | null;
}

// Events of one transaction get strictly increasing times, so "newest first" keeps their order.
const lastAt = new WeakMap<EntityManager, number>();

export function recordActivity(em: EntityManager, input: ActivityInput): ActivityEvent {
  const at = Math.max(Date.now(), (lastAt.get(em) ?? 0) + 1);
  lastAt.set(em, at);
  const event = em.create(ActivityEvent, {
    at: new Date(at),
    kind: input.kind,
    message: input.message,
    params: input.params ?? null,
    project: input.projectId ?? null,
    entityId: input.entityId ?? null,
    actor: input.actorId,
  });
  const tenant = em.getFilterParams<TenantParams>(TENANT_FILTER);
  if (input.projectId && tenant) queueLive(em, { t: 'activity', id: event.id, projectId: input.projectId, organizationId: tenant.organizationId });
  return event;
}
