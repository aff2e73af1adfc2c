import type { Request, Response } from 'express';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import type { Logger } from '../logger.js';
import { KeyedSemaphore, Semaphore } from './semaphore.js';

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
  private readonly checked = new WeakSet<pg.PoolClient>();

  constructor(
    url: string,
    private readonly settings: DownloadSettings,
    private readonly log: Logger,
  ) {
    this.pool = new pg.Pool({
      connectionString: url,
      max: settings.connections,
      idleTimeoutMillis: 10_000,
      connectionTimeoutMillis: Math.max(1, settings.acquireTimeoutMs),
      statement_timeout: settings.statementTimeoutMs,
      idle_in_transaction_session_timeout: 60_000,
      application_name: 'baton-download',
    });
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
   */
  async run(req: Request, res: Response, organizationId: string, produce: (download: Download) => Promise<void>): Promise<void> {
    const leaveOrganization = await this.perOrganization.acquire(organizationId, 0);
    try {
      const leaveSlot = await this.slots.acquire(this.settings.acquireTimeoutMs);
      try {
        await this.runOnConnection(req, res, produce);
      } finally {
        leaveSlot();
      }
    } finally {
      leaveOrganization();
    }
  }

  private async runOnConnection(req: Request, res: Response, produce: (download: Download) => Promise<void>): Promise<void> {
    if (res.destroyed) return; // gone while waiting for its turn
    const client = await this.pool.connect();
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
      (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
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
    let released = false;
    const release = (error?: Error) => {
      if (released) return;
      released = true;
      client.release(error);
    };
    try {
      await this.checkClientConnection(client);
      const download = this.download(client, res);
      await client.query('begin isolation level repeatable read read only');
      const work = produce(download);
      work.catch(() => undefined);
      await Promise.race([work, cutPromise]);
      await client.query('commit');
      finished = true;
      release();
    } catch (error) {
      release(cut ?? (error as Error));
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

  /**
   * PostgreSQL 14+ checks every second whether the client of a running statement is still there,
   * so a long computation for a client that left is cancelled too (older servers: on next write).
   */
  private async checkClientConnection(client: pg.PoolClient): Promise<void> {
    if (this.checked.has(client)) return;
    this.checked.add(client);
    await client.query(`select set_config('client_connection_check_interval', '1000', false)`).catch(() => undefined);
  }

  async stop(): Promise<void> {
    await this.pool.end();
  }
}
