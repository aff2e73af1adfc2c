import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Every setting comes from the environment; README.md lists them all. */
export interface Config {
  port: number;
  host: string;
  /** A PostgreSQL URL; absent → the embedded PostgreSQL under `dataDir`. */
  databaseUrl: string | undefined;
  /**
   * A direct (not pooled) URL of the same primary, for what needs a session of its own: LISTEN,
   * graphile-worker, the startup lock. Absent → `databaseUrl`. Set it when `databaseUrl` goes through
   * a transaction pooler (PgBouncer, pool_mode = transaction).
   */
  databaseDirectUrl: string | undefined;
  /** Streaming replicas the heavy reads (reports, their CSV) go to; empty → everything on the primary. */
  databaseReadUrls: string[];
  /** After a viewer's mutation, their reads stay on the primary this long (they read their own writes). */
  readYourWritesMs: number;
  /** A replica further behind the primary than this is skipped (reads go to the primary). */
  replicaMaxLagMs: number;
  /** How often each replica's state and lag are checked. */
  replicaCheckMs: number;
  dataDir: string;
  seedDemo: boolean;
  smtpUrl: string | undefined;
  production: boolean;
  logLevel: string;
  /** Where the built SPA lives; served at / when present. */
  webDist: string;
  /** Session lifetime in days, counted from sign-in. */
  sessionDays: number;
  /** Mark the session cookie Secure (set it when the app is served over HTTPS). */
  cookieSecure: boolean;
  /** Database pool size per instance. */
  dbPoolMax: number;
  /** How long a request waits for a free pooled connection before it is answered BUSY. */
  dbPoolAcquireTimeoutMs: number;
  /** How long one SQL statement (or a wait for a lock) may run before it is cancelled and answered TIMEOUT. */
  dbStatementTimeoutMs: number;
  /** GraphQL requests (and PDF downloads) one organization may run at once per instance; more wait, then BUSY. */
  requestsPerOrganization: number;
  /** Connections of the streamed downloads' own pool (CSV exports), per instance. */
  downloadConnections: number;
  /** Streamed downloads one organization may run at once per instance; more are answered BUSY. */
  downloadsPerOrganization: number;
  /** A download whose client reads nothing for this long is cut off and its connection released. */
  downloadStallTimeoutMs: number;
  /** The address e-mails come from. */
  mailFrom: string;
  /** Failed password checks (logIn, changePassword) allowed per (account, address) within loginRateWindowSeconds, across instances. */
  loginRateLimit: number;
  /** Failed password checks allowed per client address within loginRateWindowSeconds, across instances. */
  loginRateLimitPerAddress: number;
  loginRateWindowSeconds: number;
  /** Failures of an (account, address) pair after which each next attempt waits 1 s, 2 s, 4 s, … (≤ 60 s). */
  loginDelayAfter: number;
  /** Sign-ups allowed per client address within signUpRateWindowSeconds, across instances. */
  signUpRateLimit: number;
  signUpRateWindowSeconds: number;
  /** Live events one subscription may leave unread before its socket is dropped (a consumer that stopped reading). */
  wsMaxPendingEvents: number;
  /** A WebSocket that has not sent connection_init within this many milliseconds is closed (4408). */
  wsInitTimeoutMs: number;
  /** Subscriptions one WebSocket may hold at once. */
  wsMaxSubscriptions: number;
  /** How often open WebSockets are checked for expired sessions and deactivated users. */
  sessionSweepMs: number;
  /** Hot reads as named prepared statements (off behind a transaction pooler that cannot carry them). */
  dbPreparedStatements: boolean;
  /** How long an instance reuses a session it read (0: read it on every request). */
  sessionCacheMs: number;
  /** Express's `trust proxy`: false, true, a hop count, or addresses/subnets (comma-separated). */
  trustProxy: boolean | number | string;
  /** Tests only (BATON_TODAY, 'YYYY-MM-DD'): the date the follow-up due-date job takes for today; absent → the UTC date. */
  followUpToday: string | undefined;
}

/** The workspace root: the nearest ancestor holding pnpm-workspace.yaml. */
export function workspaceRoot(from = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'pnpm-workspace.yaml'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No pnpm-workspace.yaml above ${from}`);
    dir = parent;
  }
  return dir;
}

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return !['false', '0', 'no', 'off'].includes(value.toLowerCase());
}

function trustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === '' || ['false', '0', 'no', 'off'].includes(value.toLowerCase())) return false;
  if (['true', 'yes', 'on'].includes(value.toLowerCase())) return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const root = workspaceRoot();
  const production = env.NODE_ENV === 'production';
  return {
    port: int('PORT', env.PORT, 4000),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    databaseDirectUrl: env.DATABASE_DIRECT_URL || undefined,
    databaseReadUrls: (env.DATABASE_READ_URLS ?? '').split(',').map((u) => u.trim()).filter(Boolean),
    readYourWritesMs: int('READ_YOUR_WRITES_MS', env.READ_YOUR_WRITES_MS, 5_000),
    replicaMaxLagMs: int('REPLICA_MAX_LAG_MS', env.REPLICA_MAX_LAG_MS, 2_000),
    replicaCheckMs: Math.max(100, int('REPLICA_CHECK_MS', env.REPLICA_CHECK_MS, 500)),
    dataDir: path.resolve(root, env.BATON_DATA_DIR || '.data'),
    seedDemo: bool(env.SEED_DEMO, true),
    smtpUrl: env.SMTP_URL || undefined,
    production,
    logLevel: env.LOG_LEVEL || 'info',
    webDist: path.resolve(root, env.WEB_DIST || 'apps/web/dist'),
    sessionDays: int('SESSION_DAYS', env.SESSION_DAYS, 30),
    cookieSecure: bool(env.COOKIE_SECURE, false),
    dbPoolMax: int('DB_POOL_MAX', env.DB_POOL_MAX, 10),
    dbPoolAcquireTimeoutMs: int('DB_POOL_ACQUIRE_TIMEOUT_MS', env.DB_POOL_ACQUIRE_TIMEOUT_MS, 10_000),
    dbStatementTimeoutMs: int('DB_STATEMENT_TIMEOUT_MS', env.DB_STATEMENT_TIMEOUT_MS, 30_000),
    dbPreparedStatements: bool(env.DB_PREPARED_STATEMENTS, true),
    requestsPerOrganization: int('REQUESTS_PER_ORGANIZATION', env.REQUESTS_PER_ORGANIZATION, 0),
    downloadConnections: Math.max(1, int('DOWNLOAD_CONNECTIONS', env.DOWNLOAD_CONNECTIONS, 3)),
    downloadsPerOrganization: Math.max(1, int('DOWNLOADS_PER_ORGANIZATION', env.DOWNLOADS_PER_ORGANIZATION, 2)),
    downloadStallTimeoutMs: Math.max(100, int('DOWNLOAD_STALL_TIMEOUT_MS', env.DOWNLOAD_STALL_TIMEOUT_MS, 30_000)),
    mailFrom: env.MAIL_FROM || 'no-reply@baton.localhost',
    loginRateLimit: int('LOGIN_RATE_LIMIT', env.LOGIN_RATE_LIMIT, 10),
    loginRateLimitPerAddress: int('LOGIN_RATE_LIMIT_PER_ADDRESS', env.LOGIN_RATE_LIMIT_PER_ADDRESS, 100),
    loginRateWindowSeconds: int('LOGIN_RATE_WINDOW_SECONDS', env.LOGIN_RATE_WINDOW_SECONDS, 900),
    loginDelayAfter: int('LOGIN_DELAY_AFTER', env.LOGIN_DELAY_AFTER, 3),
    signUpRateLimit: int('SIGNUP_RATE_LIMIT', env.SIGNUP_RATE_LIMIT, 10),
    signUpRateWindowSeconds: int('SIGNUP_RATE_WINDOW_SECONDS', env.SIGNUP_RATE_WINDOW_SECONDS, 3600),
    wsMaxPendingEvents: int('WS_MAX_PENDING_EVENTS', env.WS_MAX_PENDING_EVENTS, 1000),
    wsInitTimeoutMs: int('WS_INIT_TIMEOUT_MS', env.WS_INIT_TIMEOUT_MS, 10_000),
    wsMaxSubscriptions: int('WS_MAX_SUBSCRIPTIONS', env.WS_MAX_SUBSCRIPTIONS, 100),
    sessionSweepMs: int('SESSION_SWEEP_MS', env.SESSION_SWEEP_MS, 30_000),
    sessionCacheMs: int('SESSION_CACHE_MS', env.SESSION_CACHE_MS, 10_000),
    trustProxy: trustProxy(env.TRUST_PROXY),
    followUpToday: todayOverride(env.BATON_TODAY),
  };
}

function todayOverride(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(`BATON_TODAY must be a date like 2026-12-07, not "${value}"`);
  return value;
}
