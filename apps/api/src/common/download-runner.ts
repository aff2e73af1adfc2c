import type { Request, Response } from 'express';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import type { Logger } from '../logger.js';
import { BusyError, KeyedSemaphore, Semaphore } from './semaphore.js';

/** A replica a download may read from, and what to do when it cannot be reached. */
export interface DownloadReplica {
  url: string;
  failed(error: unknown): void;
}

export interface DownloadSettings {
  /** Connections of the downloads' own pool: streamed downloads running at once on this instance. */
  connections: number;
  /** Downloads one organization may run at once on this instance; more are answered BUSY at once. */
  perOrganization: number;
  /** A client that reads nothing for this long while the server waits to write is cut off. */
  stallMs: number;
  /** How long a download waits for a free connection of its pool, then BUSY. */
  acquireTimeoutMs: number;
  /** statement_timeout of the downloads' connections: one COPY may take this long (size, not stalls). */
  statementTimeoutMs: number;
}

/** What a download writes with: its connection's snapshot and the response, backpressure kept. */
export interface Download {
  /** A statement on the download's connection, inside its READ ONLY REPEATABLE READ transaction. */
  query<R extends Record<string, unknown>>(sql: string): Promise<R[]>;
  /** Status 200 and the file's headers: call it only once everything has been validated. */
  begin(filename: string, contentType: string): void;
  write(text: string): Promise<void>;
  /** Streams `COPY (select) TO STDOUT WITH (FORMAT csv)` into the response. */
  copyCsv(select: string): Promise<void>;
  end(text: string): void;
}

class DownloadCut extends Error {
  override readonly name = 'DownloadCut';
}

/**
 * Runs streamed downloads (the invoices CSV; later every CSV of lists and reports) so that they
 * can never starve the API:
 *
 * - they use a pool of their own (DOWNLOAD_CONNECTIONS), never the interactive one, and each
 *   organization may run DOWNLOADS_PER_ORGANIZATION of them at once (more: BUSY at once), so one
 *   tenant cannot take the budget of the others either;
 * - a client that goes away, or that stops reading for DOWNLOAD_STALL_TIMEOUT_MS, gets its
 *   response destroyed and its database connection cut: the socket is destroyed (a COPY cannot
 *   be left half-read and reused; "rollback" would wait behind it forever, which is how ten
 *   stalled downloads once held the whole pool), and PostgreSQL ends the backend as soon as it
 *   next writes, or within a second while it computes (client_connection_check_interval).
 */
export class DownloadRunner {
  private readonly pool: pg.Pool;
  private readonly slots: Semaphore;
  private readonly perOrganization: KeyedSemaphore;
  private readonly replicaPools = new Map<string, pg.Pool>();
  private readonly poolOptions: pg.PoolConfig;

  constructor(
    url: string,
    private readonly settings: DownloadSettings,
    private readonly log: Logger,
  ) {
    // No session settings at connect (a transaction pooler would refuse or share them): each
    // download's transaction sets its own (begin()).
    this.poolOptions = { max: settings.connections, idleTimeoutMillis: 10_000, application_name: 'baton-download' };
    this.pool = new pg.Pool({ ...this.poolOptions, connectionString: url, connectionTimeoutMillis: Math.max(1, settings.acquireTimeoutMs) });
    // An idle connection cut by a restart is replaced on next use.
    this.pool.on('error', (err) => this.log.debug({ err: err.message }, 'idle download connection lost'));
    this.slots = new Semaphore(settings.connections);
    this.perOrganization = new KeyedSemaphore(settings.perOrganization);
  }

  /** For /healthz: downloads holding a connection, connections free for more, downloads waiting. */
  usage(): { used: number; free: number; waiting: number } {
    return { used: this.slots.running, free: this.settings.connections - this.slots.running, waiting: this.slots.waiting };
  }

  /**
   * Runs `produce` for `organizationId` with a Download. Throws BusyError before any byte when the
   * organization or the instance has no room (the caller answers 503), and the database's error
   * when it cannot be reached; after the first byte a failure destroys the response, so a
   * truncated file is visibly a failed download.
   *
   * The organization's budget adds up across instances: besides this instance's count, each running
   * download holds one of DOWNLOADS_PER_ORGANIZATION transaction-level advisory locks of its
   * organization on the primary (pg_try_advisory_xact_lock), so N instances never run N times the
   * budget; the lock ends with the transaction, or with the connection when an instance dies. It works
   * through a transaction pooler too (it lives in a transaction). With `replica`, the file is read
   * from that replica (a replica that cannot be reached: from the primary) while the primary
   * connection holds the lock.
   */
  async run(req: Request, res: Response, organizationId: string, produce: (download: Download) => Promise<void>, replica?: DownloadReplica): Promise<void> {
    const leaveOrganization = await this.perOrganization.acquire(organizationId, 0);
    try {
      const leaveSlot = await this.slots.acquire(this.settings.acquireTimeoutMs);
      try {
        await this.runOnConnection(req, res, organizationId, produce, replica);
      } finally {
        leaveSlot();
      }
    } finally {
      leaveOrganization();
    }
  }

  private replicaPool(url: string): pg.Pool {
    let pool = this.replicaPools.get(url);
    if (!pool) {
      pool = new pg.Pool({ ...this.poolOptions, connectionString: url, connectionTimeoutMillis: Math.min(2_000, Math.max(1, this.settings.acquireTimeoutMs)) });
      pool.on('error', (err) => this.log.debug({ err: err.message }, 'idle download connection lost'));
      this.replicaPools.set(url, pool);
    }
    return pool;
  }

  /** Begins the download's transaction on `client` (snapshot, read only, its own timeouts). */
  private async begin(client: pg.PoolClient): Promise<void> {
    await client.query('begin isolation level repeatable read read only');
    // Local to the transaction: nothing is left on a connection a pooler hands to someone else.
    await client.query(
      `select set_config('statement_timeout', $1, true), set_config('idle_in_transaction_session_timeout', $2, true), set_config('client_connection_check_interval', '1000', true)`,
      [String(this.settings.statementTimeoutMs), String(this.settings.statementTimeoutMs + this.settings.stallMs + 60_000)],
    );
  }

  private async runOnConnection(req: Request, res: Response, organizationId: string, produce: (download: Download) => Promise<void>, replica?: DownloadReplica): Promise<void> {
    if (res.destroyed) return; // gone while waiting for its turn
    const primary = await this.pool.connect();
    let reader: pg.PoolClient = primary;
    let readerPool: pg.Pool | undefined;
    let finished = false;
    let cut: DownloadCut | undefined;
    let rejectCut!: (error: DownloadCut) => void;
    const cutPromise = new Promise<never>((_, reject) => (rejectCut = reject));
    cutPromise.catch(() => undefined);
    const cutOff = (why: string) => {
      if (finished || cut) return;
      cut = new DownloadCut(why);
      // The connection may be mid-COPY: it cannot be reused, and a graceful end would wait for
      // PostgreSQL, which waits for us. Destroying the socket ends the backend (and its query).
      (reader as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
      if (!res.destroyed) res.destroy();
      rejectCut(cut);
    };
    const onClose = () => {
      if (!res.writableFinished) cutOff('the client went away');
    };
    res.on('close', onClose);
    // Stalled: the response's buffer is full (the client reads nothing) for stallMs on end.
    let stalledSince: number | undefined;
    const watchdog = setInterval(
      () => {
        if (!res.writableNeedDrain) {
          stalledSince = undefined;
          return;
        }
        stalledSince ??= Date.now();
        if (Date.now() - stalledSince >= this.settings.stallMs) cutOff(`the client read nothing for ${this.settings.stallMs} ms`);
      },
      Math.max(20, Math.min(1000, Math.floor(this.settings.stallMs / 4))),
    );
    let primaryReleased = false;
    const releasePrimary = (error?: Error) => {
      if (primaryReleased) return;
      primaryReleased = true;
      primary.release(error);
    };
    try {
      await this.begin(primary);
      const { rows } = await primary.query<{ slot: number }>(
        `select s as slot from generate_series(0, $2::int - 1) as s where pg_try_advisory_xact_lock(hashtext('baton-download:' || $1::text), s) limit 1`,
        [organizationId, this.settings.perOrganization],
      );
      if (rows.length === 0) {
        await primary.query('rollback');
        releasePrimary();
        throw new BusyError('The organization runs as many downloads as it may, on some instance');
      }
      if (replica) {
        const pool = this.replicaPool(replica.url);
        try {
          const client = await pool.connect();
          try {
            await this.begin(client);
            reader = client;
            readerPool = pool;
          } catch (error) {
            client.release(error as Error);
            throw error;
          }
        } catch (error) {
          replica.failed(error);
          this.log.debug({ requestId: req.id, err: (error as Error).message }, 'download reads the primary: replica unreachable');
        }
      }
      const download = this.download(reader, res);
      const work = produce(download);
      work.catch(() => undefined);
      await Promise.race([work, cutPromise]);
      if (reader !== primary) {
        await reader.query('commit');
        reader.release();
      }
      await primary.query('commit');
      finished = true;
      releasePrimary();
    } catch (error) {
      if (reader !== primary && readerPool) reader.release(cut ?? (error as Error));
      releasePrimary(cut ?? (error as Error));
      if (cut) {
        this.log.info({ requestId: req.id, reason: cut.message }, 'download cut off');
        return;
      }
      throw error;
    } finally {
      clearInterval(watchdog);
      res.off('close', onClose);
    }
  }

  private download(client: pg.PoolClient, res: Response): Download {
    const written = (ok: boolean) => (ok ? Promise.resolve() : new Promise<void>((resolve, reject) => {
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        if (res.destroyed && !res.writableFinished) reject(new DownloadCut('the client went away'));
        else resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    }));
    return {
      query: async <R extends Record<string, unknown>>(sql: string) => (await client.query<R>(sql)).rows,
      begin: (filename, contentType) => {
        res.status(200);
        res.setHeader('content-type', contentType);
        res.setHeader('content-disposition', `attachment; filename="${filename}"`);
        res.setHeader('cache-control', 'private, no-store');
      },
      write: (text) => written(res.write(text)),
      copyCsv: (select) => pipeline(client.query(copyTo(`copy (${select}) to stdout with (format csv)`)), res, { end: false }),
      // Not waiting for the last bytes to reach the client: nothing of the database is needed for them.
      end: (text) => void res.end(text),
    };
  }

  async stop(): Promise<void> {
    await Promise.all([this.pool.end(), ...[...this.replicaPools.values()].map((p) => p.end())]);
  }
}
