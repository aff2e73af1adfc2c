import type { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { LiveBus } from '../../common/context.js';
import type { Logger } from '../../logger.js';

/**
 * Live delivery across instances through PostgreSQL LISTEN/NOTIFY. A transaction queues its events
 * with pg_notify, which PostgreSQL delivers only when (and if) it commits; every instance LISTENs
 * and hands each event to its own subscribers. Nothing is shared in memory between instances, and
 * a subscriber that missed events while disconnected catches up through the `notifications` query.
 *
 * When the listener's own connection drops, NOTIFYs sent until it listens again are lost to this
 * instance; so on reconnecting it reads the notifications and activity written since shortly before
 * the drop (CATCH_UP_MARGIN_MS, for transactions that began earlier and committed later, and for
 * clocks of other instances) and delivers those it had not heard (each event id at most once).
 */
/** How far before the drop the catch-up reads. */
export const CATCH_UP_MARGIN_MS = 60_000;
/** How long an event id is remembered as heard (longer than the margin, so catch-up never repeats). */
const HEARD_KEEP_MS = 5 * 60_000;
/** A bound on one catch-up; an outage longer than this many events leaves the rest to the `notifications` query. */
const CATCH_UP_MAX = 50_000;
export const CHANNEL = 'baton_live';

export type LiveEvent =
  | { t: 'notification'; id: string; userId: string; organizationId: string }
  | { t: 'activity'; id: string; projectId: string; organizationId: string }
  /** an order entered, changed in or left its organization's invoicing queue (not caught up: clients reload the queue) */
  | { t: 'queue'; id: string; salesOrderId: string; inQueue: boolean; organizationId: string }
  /** notifications of a user were marked read (at `at`, their readAt) in one of the user's sessions: every other session follows (not caught up: clients re-read on reconnecting) */
  | { t: 'read'; id: string; userId: string; organizationId: string; at: string }
  /** a session was revoked (logOut, password change): its open sockets are closed */
  | { t: 'session_revoked'; id: string; organizationId: string }
  /** a user's name, roles or active flag changed: cached viewers of that user are dropped (id = `userId:random`, unique per change) */
  | { t: 'viewer_changed'; id: string; organizationId: string };

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
  /** a user's notifications marked read: the readAt they were given */
  notificationsRead: (userId: string) => `read:${userId}`,
  /** an organization's invoicing queue: each change as `<sales order id>:<1 in the queue | 0 left it>` */
  invoicingQueue: (organizationId: string) => `queue:${organizationId}`,
  /** every revoked session's id, for this instance's SessionWatch */
  sessionRevoked: 'session_revoked',
  /** `userId:random` of every user whose viewer changed, for the session caches */
  viewerChanged: 'viewer_changed',
  /** this instance's listener lost or regained its connection (published locally, never notified): anything cached on notices is suspect */
  listenerReset: 'listener_reset',
};

function topicOf(e: LiveEvent): string {
  switch (e.t) {
    case 'notification':
      return topics.notification(e.userId);
    case 'activity':
      return topics.activity(e.projectId);
    case 'read':
      return topics.notificationsRead(e.userId);
    case 'session_revoked':
      return topics.sessionRevoked;
    case 'viewer_changed':
      return topics.viewerChanged;
    case 'queue':
      return topics.invoicingQueue(e.organizationId);
  }
}

/** What a subscriber of the event's topic receives: the record's id (a queue change: the order and whether it is in). */
function payloadOf(e: LiveEvent): string {
  if (e.t === 'queue') return `${e.salesOrderId}:${e.inQueue ? 1 : 0}`;
  return e.t === 'read' ? e.at : e.id;
}

/** This instance's bus: what resolvers subscribe through (LiveBus), and its listener's end. */
export interface Live extends LiveBus {
  /** True while the listener's connection is up (notices are being heard). */
  listening(): boolean;
  stop(): Promise<void>;
}

/** One subscriber's queue of event ids, bounded. */
export class Subscription implements AsyncIterableIterator<string> {
  private readonly queue: string[] = [];
  private waiting: ((result: IteratorResult<string>) => void) | null = null;
  private ended = false;

  constructor(
    private readonly maxPending: number,
    private readonly onEnd: () => void,
    private readonly onOverflow: () => void,
  ) {}

  push(id: string): void {
    if (this.ended) return;
    if (this.waiting) {
      const deliver = this.waiting;
      this.waiting = null;
      deliver({ value: id, done: false });
      return;
    }
    this.queue.push(id);
    if (this.queue.length > this.maxPending) {
      this.end();
      this.onOverflow();
    }
  }

  next(): Promise<IteratorResult<string>> {
    if (this.queue.length) return Promise.resolve({ value: this.queue.shift()!, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<string>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<string> {
    return this;
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.queue.length = 0;
    this.onEnd();
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.({ value: undefined, done: true });
  }
}

export interface LiveOptions {
  /** Unread events allowed per subscription (WS_MAX_PENDING_EVENTS). */
  maxPending?: number;
}

/** This instance's listener: one dedicated connection, reconnecting with backoff and catching up. */
export function startLive(url: string, log: Logger, { maxPending = 1000 }: LiveOptions = {}): Live {
  const subscribers = new Map<string, Set<Subscription>>();
  const publish = (topic: string, id: string) => {
    for (const s of subscribers.get(topic) ?? []) s.push(id);
  };
  const subscribe = (topic: string, onOverflow?: () => void) => {
    const set = subscribers.get(topic) ?? new Set<Subscription>();
    subscribers.set(topic, set);
    const subscription: Subscription = new Subscription(
      maxPending,
      () => {
        set.delete(subscription);
        if (set.size === 0 && subscribers.get(topic) === set) subscribers.delete(topic);
      },
      () => {
        log.warn({ topic, maxPending }, 'a subscriber fell behind; dropped');
        onOverflow?.();
      },
    );
    set.add(subscription);
    return subscription;
  };
  let client: pg.Client | null = null;
  let stopped = false;
  let attempt = 0;
  /** When the last connection was lost, until a catch-up after it has succeeded. */
  let lostAt: Date | null = null;
  /** Event ids delivered, oldest first, with when (a Map keeps insertion order). */
  const heard = new Map<string, number>();

  const deliver = (e: LiveEvent) => {
    if (heard.has(e.id)) return;
    const now = Date.now();
    heard.set(e.id, now);
    for (const [id, at] of heard) {
      if (now - at < HEARD_KEEP_MS) break;
      heard.delete(id);
    }
    publish(topicOf(e), payloadOf(e));
  };

  const catchUp = async (c: pg.Client, since: Date) => {
    const { rows } = await c.query<{ t: 'notification' | 'activity'; id: string; key: string; organization_id: string }>(
      `select * from (
         select 'notification' as t, id, recipient_id as key, organization_id, created_at as at from notification where created_at >= $1
         union all
         select 'activity', id, project_id, organization_id, at from activity_event where at >= $1 and project_id is not null
       ) e order by at limit $2`,
      [since, CATCH_UP_MAX],
    );
    for (const r of rows) {
      deliver(r.t === 'notification' ? { t: r.t, id: r.id, userId: r.key, organizationId: r.organization_id } : { t: r.t, id: r.id, projectId: r.key, organizationId: r.organization_id });
    }
    if (rows.length) log.info({ events: rows.length, since }, 'live listener caught up');
  };

  const connect = async (): Promise<void> => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: url, application_name: 'baton-live', keepAlive: true });
    let gone = false;
    /** This connection is done for (an error, or connecting failed): note when, and try again. */
    const lost = () => {
      if (gone) return;
      gone = true;
      lostAt ??= new Date();
      void c.end().catch(() => undefined);
      if (client === c) client = null;
      publish(topics.listenerReset, String(Date.now()));
      schedule();
    };
    c.on('notification', (msg) => {
      try {
        deliver(JSON.parse(msg.payload ?? '') as LiveEvent);
      } catch (err) {
        log.warn({ err }, 'ignored a malformed live event');
      }
    });
    c.on('error', (err) => {
      log.warn({ err: err.message }, 'live listener connection lost; reconnecting');
      lost();
    });
    try {
      await c.connect();
      await c.query(`listen ${CHANNEL}`);
      // Listening again: what was committed while it was not is in the tables.
      if (lostAt) {
        await catchUp(c, new Date(lostAt.getTime() - CATCH_UP_MARGIN_MS));
        lostAt = null;
      }
      client = c;
      publish(topics.listenerReset, String(Date.now()));
      if (attempt > 0) log.info('live listener reconnected');
      attempt = 0;
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'live listener could not connect; retrying');
      lost();
    }
  };
  const schedule = () => {
    if (stopped) return;
    const delay = Math.min(10_000, 250 * 2 ** attempt++);
    setTimeout(() => void connect(), delay).unref();
  };
  void connect();

  return {
    subscribe,
    listening: () => client !== null,
    async stop() {
      stopped = true;
      await client?.end().catch(() => undefined);
    },
  };
}
