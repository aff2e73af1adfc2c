import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { Logger } from '../logger.js';
import { ormConfig, type OrmOptions } from './orm-config.js';

/** What /healthz says of one replica. */
export interface ReplicaStatus {
  /** host:port/database of its URL (no credentials). */
  name: string;
  /** ok: reads go to it; lagging: further behind than REPLICA_MAX_LAG_MS; down: it did not answer. */
  state: 'ok' | 'lagging' | 'down';
  /** How far behind the primary it was at the last check, in ms (null when down). */
  lagMs: number | null;
  /** Whether it is a standby (in recovery); a plain server given as replica lags 0. */
  standby: boolean | null;
  checkedAt: string | null;
  error?: string;
}

export interface ReplicaOptions extends Omit<OrmOptions, 'url' | 'log'> {
  /** A replica further behind than this is skipped. */
  maxLagMs: number;
  /** How often each replica is checked. */
  checkMs: number;
}

/** A replica reads can go to now. */
export interface ReplicaTarget {
  index: number;
  orm: MikroORM;
  url: string;
}

interface Replica {
  url: string;
  name: string;
  orm: MikroORM;
  probe: pg.Pool;
  status: ReplicaStatus;
}

/** An LSN such as 16/B374D848 as a number that orders. */
function lsnValue(lsn: string): bigint {
  const [hi, lo] = lsn.split('/');
  return (BigInt(`0x${hi ?? '0'}`) << 32n) + BigInt(`0x${lo ?? '0'}`);
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'replica';
  }
}

const PROBE = { max: 1, connectionTimeoutMillis: 1_000, idleTimeoutMillis: 30_000, query_timeout: 1_000, application_name: 'baton-replica-check' };

/**
 * The streaming replicas of DATABASE_READ_URLS: one ORM (its own pool) per replica for the heavy
 * reads, and a check every REPLICA_CHECK_MS of each one's state and lag.
 *
 * Lag is measured in the primary's own time, without trusting clocks or commit timestamps (an idle
 * primary commits nothing, so "now − last replayed commit" would grow forever): at each check the
 * primary's current WAL position is noted with the time; a replica's lag is how long ago the oldest
 * noted position it has not replayed yet was written (0 when it has replayed all of them). So a
 * replica is never reported less behind than it is, give or take one check.
 */
export class ReadReplicas {
  private readonly replicas: Replica[];
  private readonly primaryProbe: pg.Pool;
  private samples: { at: number; lsn: bigint }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private next = 0;
  private checking: Promise<void> | undefined;

  private constructor(
    primaryUrl: string,
    replicas: { url: string; orm: MikroORM }[],
    private readonly options: ReplicaOptions,
    private readonly log: Logger,
  ) {
    this.primaryProbe = new pg.Pool({ connectionString: primaryUrl, ...PROBE });
    this.primaryProbe.on('error', () => undefined);
    this.replicas = replicas.map(({ url, orm }) => {
      const probe = new pg.Pool({ connectionString: url, ...PROBE });
      probe.on('error', () => undefined);
      return { url, orm, probe, name: redactUrl(url), status: { name: redactUrl(url), state: 'down', lagMs: null, standby: null, checkedAt: null } };
    });
  }

  /** Connects to each replica (one that is down now is retried by the checks) and checks them once. */
  static async start(primaryUrl: string, urls: string[], options: ReplicaOptions, log: Logger): Promise<ReadReplicas> {
    const replicas = [];
    for (const url of urls) {
      // No migrations, no schema checks: a replica is read-only and follows the primary's schema.
      const orm = await MikroORM.init({ ...ormConfig({ ...options, url, log }), connect: false, ensureDatabase: false });
      replicas.push({ url, orm });
    }
    const set = new ReadReplicas(primaryUrl, replicas, options, log);
    await set.check();
    set.timer = setInterval(() => void set.check(), options.checkMs);
    set.timer.unref();
    return set;
  }

  get size(): number {
    return this.replicas.length;
  }

  /** The next replica (round robin) that is up and close enough behind; null → read the primary. */
  pick(): ReplicaTarget | null {
    for (let i = 0; i < this.replicas.length; i++) {
      const index = (this.next + i) % this.replicas.length;
      const r = this.replicas[index]!;
      if (r.status.state === 'ok') {
        this.next = index + 1;
        return { index, orm: r.orm, url: r.url };
      }
    }
    return null;
  }

  /** A read on it failed for want of a connection: skip it until a check finds it back. */
  markDown(target: ReplicaTarget, error: unknown): void {
    const r = this.replicas[target.index];
    if (!r || r.status.state === 'down') return;
    r.status = { ...r.status, state: 'down', lagMs: null, error: (error as Error)?.message ?? String(error) };
    this.log.warn({ replica: r.name, err: r.status.error }, 'replica unreachable; its reads go to the primary');
  }

  status(): ReplicaStatus[] {
    return this.replicas.map((r) => ({ ...r.status }));
  }

  /** Checks every replica now (also what the timer runs). */
  check(): Promise<void> {
    this.checking ??= this.checkAll().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async checkAll(): Promise<void> {
    const now = Date.now();
    try {
      const { rows } = await this.primaryProbe.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn');
      this.samples.push({ at: now, lsn: lsnValue(rows[0]!.lsn) });
    } catch {
      // The primary is away: the replicas' lag cannot be known now; keep the last verdicts.
    }
    // Keep enough history to tell "further behind than maxLag" (and a bit more to say by how much).
    const keepFrom = now - Math.max(this.options.maxLagMs * 3, 10_000);
    while (this.samples.length > 1 && this.samples[0]!.at < keepFrom) this.samples.shift();
    await Promise.all(this.replicas.map((r) => this.checkOne(r)));
  }

  private async checkOne(r: Replica): Promise<void> {
    const before = r.status.state;
    try {
      const { rows } = await r.probe.query<{ standby: boolean; replay: string | null }>(
        'select pg_is_in_recovery() as standby, pg_last_wal_replay_lsn()::text as replay',
      );
      const row = rows[0]!;
      let lagMs = 0;
      if (row.standby) {
        const replay = row.replay ? lsnValue(row.replay) : -1n;
        const oldestUnreplayed = this.samples.find((s) => s.lsn > replay);
        lagMs = oldestUnreplayed ? Date.now() - oldestUnreplayed.at : 0;
      }
      const state = lagMs > this.options.maxLagMs ? 'lagging' : 'ok';
      r.status = { name: r.name, state, lagMs, standby: row.standby, checkedAt: new Date().toISOString() };
    } catch (error) {
      r.status = { name: r.name, state: 'down', lagMs: null, standby: null, checkedAt: new Date().toISOString(), error: (error as Error).message };
    }
    if (r.status.state !== before) this.log.info({ replica: r.name, state: r.status.state, lagMs: r.status.lagMs }, 'replica state changed');
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.checking?.catch(() => undefined);
    await Promise.all(this.replicas.map((r) => Promise.all([r.orm.close(), r.probe.end()])));
    await this.primaryProbe.end();
  }
}
