import type { Live } from '../notification/live.js';
import { topics } from '../notification/live.js';

/** The row viewerForToken reads for a token: the user's columns and the session's id and organization. */
export type SessionRow = Record<string, unknown> & { id: string; session_id: string; expires_at: Date };

interface Entry {
  row: SessionRow;
  /** Date.now() after which the entry is read again from the database. */
  freshUntil: number;
}

/** Every cache of this process, so a revocation or user edit forgets at once on this instance (exact for the next request). */
const caches = new Set<SessionCache>();

/**
 * Sessions looked up once per instance for a short while (SESSION_CACHE_MS) instead of once per
 * request. An entry is dropped the moment anything could make it wrong:
 * - a session revoked (logOut, password change, deactivation) or a user's name, roles or active flag
 *   edited: here at once (forgetSessions/forgetUser, called by the mutation), on every other instance
 *   when its listener hears the notice the mutation's transaction sends at commit;
 * - the session's expiry, checked on every hit;
 * - the listener losing its connection: notices may have been missed, so everything cached is dropped,
 *   and nothing is cached until it listens again.
 * Concurrent with a revocation, a request on another instance may still be served for the few
 * milliseconds the notice takes to arrive; SESSION_CACHE_MS bounds even a lost notice.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly stops: (() => void)[] = [];

  constructor(
    private readonly live: Pick<Live, 'subscribe' | 'listening'>,
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {
    if (ttlMs <= 0) return;
    caches.add(this);
    this.follow(topics.sessionRevoked, (sessionId) => this.forgetSession(sessionId));
    this.follow(topics.viewerChanged, (id) => this.forgetUser(id.split(':')[0] ?? ''));
    this.follow(topics.listenerReset, () => this.entries.clear());
  }

  private follow(topic: string, on: (id: string) => void): void {
    const it = this.live.subscribe(topic, () => this.entries.clear())[Symbol.asyncIterator]();
    this.stops.push(() => void it.return?.());
    void (async () => {
      for (;;) {
        const next = await it.next();
        if (next.done) return;
        on(next.value);
      }
    })();
  }

  get(tokenHash: string): SessionRow | undefined {
    const e = this.entries.get(tokenHash);
    if (!e) return undefined;
    const now = Date.now();
    if (now > e.freshUntil || e.row.expires_at.getTime() <= now || !this.live.listening()) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return e.row;
  }

  set(tokenHash: string, row: SessionRow): void {
    if (this.ttlMs <= 0 || !this.live.listening()) return;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(tokenHash, { row, freshUntil: Date.now() + this.ttlMs });
  }

  forgetSession(sessionId: string): void {
    for (const [k, e] of this.entries) if (e.row.session_id === sessionId) this.entries.delete(k);
  }

  forgetUser(userId: string): void {
    for (const [k, e] of this.entries) if (e.row.id === userId) this.entries.delete(k);
  }

  get size(): number {
    return this.entries.size;
  }

  stop(): void {
    caches.delete(this);
    for (const s of this.stops) s();
    this.entries.clear();
  }
}

/** This process's caches forget these sessions now (the other instances hear the notice at commit). */
export function forgetSessions(sessionIds: readonly string[]): void {
  for (const c of caches) for (const id of sessionIds) c.forgetSession(id);
}

/** This process's caches forget every session of the user now. */
export function forgetUser(userId: string): void {
  for (const c of caches) c.forgetUser(userId);
}
