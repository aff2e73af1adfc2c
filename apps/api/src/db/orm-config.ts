import { DataloaderType, defineConfig, type LoggerNamespace, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Logger } from '../logger.js';
import { TENANT_FILTER, TenantEntity, TenantGuard, type TenantParams } from '../common/tenant.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from '../migrations/index.js';

export interface OrmOptions {
  url: string;
  log?: Logger;
  poolMax?: number;
  /** Wait for a pooled connection at most this long (then KnexTimeoutError → BUSY). */
  acquireTimeoutMs?: number;
  /** statement_timeout of every pooled connection (then 57014 → TIMEOUT). */
  statementTimeoutMs?: number;
  /** Count statements (tests assert on them for list queries). */
  onQuery?: (sql: string) => void;
}

const tenantEntities = ENTITIES.filter((e) => e.prototype instanceof TenantEntity).map((e) => e.name);

export function ormConfig({ url, log, poolMax = 10, acquireTimeoutMs = 10_000, statementTimeoutMs = 30_000, onQuery }: OrmOptions): Options {
  return defineConfig({
    clientUrl: url,
    entities: ENTITIES,
    extensions: [Migrator],
    subscribers: [new TenantGuard()],
    filters: {
      [TENANT_FILTER]: {
        cond: (args: TenantParams) => ({ organization: args.organizationId }),
        entity: tenantEntities,
        default: true,
      },
    },
    // Relations resolved field by field (GraphQL) are batched into one query per relation.
    dataloader: DataloaderType.ALL,
    forceUtcTimezone: true,
    colors: false,
    // No joins added for filters on to-one relations: records never reference another organization's
    // (TenantGuard), and a join would make SELECT … FOR UPDATE lock the related rows too.
    autoJoinRefsForFilters: false,
    // graphile-worker owns its schema; migrations must never touch it.
    schemaGenerator: { ignoreSchema: ['graphile_worker'] },
    allowGlobalContext: false,
    pool: { min: 0, max: poolMax, idleTimeoutMillis: 30_000 },
    driverOptions: {
      acquireConnectionTimeout: acquireTimeoutMs,
      // A transaction left open by a crashed request cannot hold its locks for long.
      connection: { statement_timeout: statementTimeoutMs, idle_in_transaction_session_timeout: 60_000, application_name: 'baton-api' },
    },
    migrations: {
      migrationsList: MIGRATIONS,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
      path: 'dist/migrations',
      pathTs: 'src/migrations',
    },
    debug: onQuery ? ['query'] : log ? (['discovery'] as LoggerNamespace[]) : false,
    logger: (message: string) => {
      if (onQuery && message.startsWith('[query]')) onQuery(message);
      else log?.debug({ orm: message });
    },
  });
}
