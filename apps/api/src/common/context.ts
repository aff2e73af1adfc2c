import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../logger.js';
import type { Loaders } from './loaders.js';
import type { Viewer } from './viewer.js';

/** Live events as resolvers see them (the notification feature's LISTEN/NOTIFY bus stands behind it). */
export interface LiveBus {
  /**
   * The ids of the events on `topic`, from now on. At most `maxPending` may wait unread: one more and
   * the iterator ends and `onOverflow` is called (a consumer that stopped reading is dropped rather
   * than held in memory; its client reconnects and catches up through queries).
   */
  subscribe(topic: string, onOverflow?: () => void): AsyncIterableIterator<string>;
}

/**
 * What every mutation's transaction does last, before it commits (common/mutation.ts runs it; the
 * wiring passes the notification feature's: hand-offs become notifications, live events are queued).
 */
export type BeforeCommit = (em: EntityManager) => Promise<void>;

/**
 * Where a heavy read (a report, its CSV) runs: a streaming replica when one is up, close enough
 * behind and the viewer wrote nothing in the last READ_YOUR_WRITES_MS; otherwise the primary.
 * `work` gets an EntityManager scoped to the viewer's organization like `ctx.em`; it must decide no
 * write. A replica lost mid-read is skipped and the read runs again on the primary.
 */
export type HeavyRead = <T>(work: (em: EntityManager) => Promise<T>) => Promise<T>;

/**
 * What a resolver gets: a request-scoped EntityManager already scoped to the viewer's organization,
 * and the ports the process wiring (context.ts at the top) fills with the features behind them.
 */
export interface Context {
  em: EntityManager;
  viewer: Viewer | null;
  loaders: Loaders;
  /** Reports and their like: on a replica when it may (see HeavyRead), else on `em`. */
  heavyRead: HeavyRead;
  /** This instance's live events (subscriptions). */
  live: LiveBus;
  beforeCommit: BeforeCommit;
  requestId: string;
  /** The client's address (behind TRUST_PROXY, the forwarded one): sign-in rate limits count by it. */
  clientAddress?: string;
  log: Logger;
  /** Browser sessions: set or clear the httpOnly cookie (no-ops over WebSocket). */
  cookies: {
    setSession(token: string, expires: Date): void;
    clearSession(): void;
  };
}
