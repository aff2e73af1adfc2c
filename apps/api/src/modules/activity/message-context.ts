import { describeActivity, describeNotification, inUsersWords, type MessageContext, type StoredParams } from '@baton/domain';
import type { LoaderScope } from '../../common/loaders.js';
import { Organization } from '../../common/organization.entity.js';

/** The organization's currency, read once per request for every message worded in it. */
export function messageContext({ em, organizationId }: LoaderScope): () => Promise<MessageContext> {
  let context: Promise<MessageContext> | undefined;
  return () => (context ??= em.findOne(Organization, organizationId).then((o) => ({ currency: o?.currency ?? 'USD' })));
}

/**
 * A stored activity event or notification as people read it today: worded from its kind and
 * parameters, or, for rows stored before parameters existed, its text reworded (inUsersWords).
 */
export function messageInWords(what: 'activity' | 'notification', row: { kind: string; message: string; params?: StoredParams | null }, context: MessageContext): string {
  const worded = row.params ? (what === 'activity' ? describeActivity : describeNotification)(row.kind, row.params, context) : null;
  return worded ?? inUsersWords(row.message);
}
