import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../../logger.js';
import { topics, type Live } from '../notification/live.js';

/**
 * Ends the open WebSockets of sessions that stop being valid: at once when any instance revokes one
 * (logOut, password change: the live channel), and, as a backstop for a notice missed while the
 * listener was reconnecting, for expiry and deactivated users, by one query per sweep over the
 * sessions with sockets open on this instance.
 */
export class SessionWatch {
  private readonly open = new Map<string, Set<() => void>>();
  private readonly revoked: AsyncIterator<string>;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly orm: MikroORM,
    live: Live,
    private readonly log: Logger,
    sweepMs = 30_000,
  ) {
    this.revoked = live.subscribe(topics.sessionRevoked)[Symbol.asyncIterator]();
    void this.listen();
    this.timer = setInterval(() => void this.sweep(), sweepMs);
    this.timer.unref();
  }

  /** Calls `end` when `sessionId` is revoked or expires; returns the unwatch function. */
  watch(sessionId: string, end: () => void): () => void {
    const set = this.open.get(sessionId) ?? new Set();
    set.add(end);
    this.open.set(sessionId, set);
    return () => {
      set.delete(end);
      if (set.size === 0 && this.open.get(sessionId) === set) this.open.delete(sessionId);
    };
  }

  private end(sessionId: string): void {
    const set = this.open.get(sessionId);
    if (!set) return;
    this.open.delete(sessionId);
    for (const end of set) end();
  }

  private async listen(): Promise<void> {
    for (;;) {
      const next = await this.revoked.next();
      if (next.done) return;
      this.end(next.value);
    }
  }

  async sweep(): Promise<void> {
    if (this.open.size === 0) return;
    try {
      // One text parameter made into an array in SQL: knex expands a bound JS array into a list
      // of parameters (`any(?, ?::uuid[])`), which PostgreSQL refuses. The ids are our own uuids.
      const rows = await this.orm.em.getConnection().execute<{ id: string }[]>(
        `select s.id from session s join app_user u on u.id = s.user_id
         where s.id = any(string_to_array(?, ',')::uuid[]) and (s.revoked_at is not null or s.expires_at <= now() or not u.active)`,
        [[...this.open.keys()].join(',')],
      );
      for (const { id } of rows) this.end(id);
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'session sweep failed; retrying at the next one');
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.revoked.return?.();
  }
}
