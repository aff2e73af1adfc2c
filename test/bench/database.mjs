// The benchmark's own database: a dedicated embedded PostgreSQL cluster under .data/bench (or the
// server of BENCH_DATABASE_URL), one database per scale, migrated with the API's own migration code
// (initOrm), filled by dataset.mjs once and reused while its marker matches.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { datasetPresent, generate } from './dataset.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const api = (p) => import(path.join(root, 'apps/api/dist', p));

export const READER = { user: 'bench_reader', password: 'bench_reader' };

export async function openBenchDatabase(scale) {
  const { createLogger } = await api('logger.js');
  const log = createLogger(process.env.BENCH_LOG_LEVEL ?? 'warn');
  const name = `baton_bench_${String(scale).replace(/\W/g, '_')}`;
  let serverUrl;
  let stop = async () => {};
  if (process.env.BENCH_DATABASE_URL) {
    serverUrl = process.env.BENCH_DATABASE_URL;
  } else {
    const { startEmbeddedPostgres } = await api('db/embedded-postgres.js');
    const dataDir = path.join(root, '.data/bench');
    fs.mkdirSync(dataDir, { recursive: true });
    const pgServer = await startEmbeddedPostgres({ dataDir, log, database: 'postgres' });
    serverUrl = pgServer.url;
    stop = () => pgServer.stop();
  }
  const url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  if (!(await datasetPresent(url, scale).catch(() => false))) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
    await admin.end();
    const { initOrm } = await api('db/database.js');
    const orm = await initOrm(url, log, { poolMax: 2 });
    await orm.close();
    await generate(url, scale);
    await peerSetup(url);
  } else {
    console.log(`Reusing the dataset in database ${name} (marker matches; drop it to regenerate)`);
  }
  const readerUrl = Object.assign(new URL(url), { username: READER.user, password: READER.password }).toString();
  return { url, readerUrl, stop };
}

/**
 * What the peers see: a read-only role over the app's tables, and in schema `peer` the form their own
 * users would give these reads (PostGraphile has no aggregates or expression ordering without
 * plugins): one SQL function per filter shape, each inlinable and served by the same indexes as
 * Baton's statement — the page in report order (date, number length, number) by
 * invoice_client_report_order_idx, the client's totals over its rows, and broad totals from the same
 * rollup Baton reads (invoice_day_total). Every function lists what Baton's report lists by default:
 * invoices and credit memos, every status.
 */
async function peerSetup(url) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`do $$ begin
      if not exists (select 1 from pg_roles where rolname = '${READER.user}') then create role ${READER.user} login password '${READER.password}'; end if;
    end $$`);
    await c.query(`create schema if not exists peer`);
    await c.query(`create type peer.invoice_totals as (count bigint, subtotal_cents bigint, tax_cents bigint, total_cents bigint, paid_cents bigint)`);
    await c.query(`create function peer.client_invoices(org uuid, client uuid) returns setof invoice language sql stable as $$
        select * from invoice where organization_id = org and client_id = client and kind in ('STANDARD', 'CREDIT_MEMO')
        order by invoice_date desc, length(number) desc, number desc
      $$`);
    await c.query(`create function peer.client_invoice_totals(org uuid, client uuid) returns peer.invoice_totals language sql stable as $$
        select count(*), coalesce(sum(subtotal_cents), 0)::bigint, coalesce(sum(tax_cents), 0)::bigint, coalesce(sum(total_cents), 0)::bigint, coalesce(sum(paid_cents), 0)::bigint
        from invoice where organization_id = org and client_id = client and kind in ('STANDARD', 'CREDIT_MEMO')
      $$`);
    await c.query(`create function peer.invoice_totals_between(org uuid, date_from date, date_to date) returns peer.invoice_totals language sql stable as $$
        select coalesce(sum(invoices), 0)::bigint, coalesce(sum(subtotal_cents), 0)::bigint, coalesce(sum(tax_cents), 0)::bigint, coalesce(sum(total_cents), 0)::bigint, coalesce(sum(paid_cents), 0)::bigint
        from invoice_day_total where organization_id = org and invoice_date between date_from and date_to and kind in ('STANDARD', 'CREDIT_MEMO')
      $$`);
    await c.query(`grant usage on schema public, peer to ${READER.user}`);
    await c.query(`grant select on all tables in schema public to ${READER.user}`);
    await c.query(`grant execute on all functions in schema peer to ${READER.user}`);
  } finally {
    await c.end();
  }
}
