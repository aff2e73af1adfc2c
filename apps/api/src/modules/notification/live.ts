import { createPubSub } from '@graphql-yoga/subscription';
import type { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { Logger } from '../../logger.js';

/**
 * Live delivery across instances through PostgreSQL LISTEN/NOTIFY. A transaction queues its events
 * with pg_notify, which PostgreSQL delivers only when (and if) it commits; every instance LISTENs
 * and hands each event to its own subscribers. Nothing is shared in memory between instances, and
 * a subscriber that missed events while disconnected catches up through the `notifications` query.
 */
export const CHANNEL = 'baton_live';

export type LiveEvent =
  | { t: 'notification'; id: string; userId: string; organizationId: string }
  | { t: 'activity'; id: string; projectId: string; organizationId: string }
  /** a session was revoked (logOut, password change): its open sockets are closed */
  | { t: 'session_revoked'; id: string; organizationId: string };

const queued = new WeakMap<EntityManager, LiveEvent[]>();

export function queueLive(em: EntityManager, event: LiveEvent): void {
  const list = queued.get(em) ?? [];
  list.push(event);
  queued.set(em, list);
}

/** Issues the transaction's pg_notify calls (delivered at commit). */
export async function notifyQueued(em: EntityManager): Promise<void> {
  const events = queued.get(em) ?? [];
  queued.delete(em);
  if (events.length === 0) return;
  await em.getConnection().execute(
    `select pg_notify(?, payload) from json_array_elements_text(?::json) as payload`,
    [CHANNEL, JSON.stringify(events.map((e) => JSON.stringify(e)))],
    'all',
    em.getTransactionContext(),
  );
}

export const topics = {
  notification: (userId: string) => `notification:${userId}`,
  activity: (projectId: string) => `activity:${projectId}`,
  /** every revoked session's id, for this instance's SessionWatch */
  sessionRevoked: 'session_revoked',
};

function topicOf(e: LiveEvent): string {
  switch (e.t) {
    case 'notification':
      return topics.notification(e.userId);
    case 'activity':
      return topics.activity(e.projectId);
    case 'session_revoked':
      return topics.sessionRevoked;
  }
}

export interface Live {
  subscribe(topic: string): AsyncIterable<string>;
  stop(): Promise<void>;
}

/** This instance's listener: one dedicated connection, reconnecting with backoff. */
export function startLive(url: string, log: Logger): Live {
  const pubsub = createPubSub<Record<string, [string]>>();
  let client: pg.Client | null = null;
  let stopped = false;
  let attempt = 0;

  const connect = async (): Promise<void> => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: url, application_name: 'baton-live' });
    c.on('notification', (msg) => {
      try {
        const e = JSON.parse(msg.payload ?? '') as LiveEvent;
        pubsub.publish(topicOf(e), e.id);
      } catch (err) {
        log.warn({ err }, 'ignored a malformed live event');
      }
    });
    c.on('error', (err) => {
      log.warn({ err: err.message }, 'live listener connection lost; reconnecting');
      void c.end().catch(() => undefined);
      if (client === c) client = null;
      schedule();
    });
    try {
      await c.connect();
      await c.query(`listen ${CHANNEL}`);
      client = c;
      if (attempt > 0) log.info('live listener reconnected');
      attempt = 0;
    } catch (err) {
      void c.end().catch(() => undefined);
      log.warn({ err: (err as Error).message }, 'live listener could not connect; retrying');
      schedule();
    }
  };
  const schedule = () => {
    if (stopped) return;
    const delay = Math.min(10_000, 250 * 2 ** attempt++);
    setTimeout(() => void connect(), delay).unref();
  };
  void connect();

  return {
    subscribe: (topic) => pubsub.subscribe(topic),
    async stop() {
      stopped = true;
      await client?.end().catch(() => undefined);
    },
  };
}
