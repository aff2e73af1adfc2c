// `pnpm bench`: Baton side by side with PostGraphile (v4 and v5) and raw SQL through `pg` (the
// floor), on a generated dataset of a million invoices. Prints a table and writes
// test/bench/results/latest.json. Environment: BENCH_SCALE (1 = a million invoices; 0.01 for a quick
// run), BENCH_REPEAT (3: medians of), BENCH_DURATION (seconds per measurement, 5),
// BENCH_DATABASE_URL (a PostgreSQL server to use instead of the embedded one under .data/bench),
// BENCH_ONLY (comma list of page,totals,overview,csv,live,bundle).
import autocannon from 'autocannon';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBenchDatabase } from './database.mjs';
import { ADMIN_TOKEN, sizes } from './dataset.mjs';
import { measureLive } from './live.mjs';
import { figures, requests } from './queries.mjs';
import { measureBundle } from './bundle.mjs';
import { measureCsv } from './csv.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const here = import.meta.dirname;
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const ONLY = new Set((process.env.BENCH_ONLY ?? 'page,totals,overview,csv,live,bundle').split(','));
const CONNECTIONS = [1, 10];
const started = Date.now();

const children = [];
function startProcess(name, command, args, env = {}) {
  // Its own process group, so stopping it stops whatever it started too (npx's children did survive).
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  child.stdout.on('data', (d) => (out = (out + d).slice(-4000)));
  child.stderr.on('data', (d) => (out = (out + d).slice(-4000)));
  children.push(child);
  child.on('exit', (code) => {
    if (code && !child.stopping) console.error(`\n${name} exited with ${code}:\n${out}`);
  });
  return { name, child, output: () => out };
}
async function stopAll() {
  await Promise.all(
    children.map(
      (c) =>
        new Promise((resolve) => {
          if (c.exitCode !== null) return resolve();
          c.stopping = true;
          c.once('exit', resolve);
          const signal = (sig) => {
            try {
              process.kill(-c.pid, sig);
            } catch {
              c.kill(sig);
            }
          };
          signal('SIGTERM');
          setTimeout(() => signal('SIGKILL'), 5000).unref();
        }),
    ),
  );
}

let nextPort = 4600 + Math.floor(Math.random() * 300);
async function waitFor(url, proc, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited: ${proc.output()}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`${proc.name} did not start: ${proc.output()}`);
}

export async function startBaton(databaseUrl, label = 'baton') {
  const port = nextPort++;
  const proc = startProcess(label, process.execPath, ['apps/api/dist/main.js'], {
    DATABASE_URL: databaseUrl,
    SEED_DEMO: 'false',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    DB_POOL_MAX: '10',
    BATON_DATA_DIR: path.join(root, '.data/bench-app'),
  });
  await waitFor(`http://127.0.0.1:${port}/healthz`, proc);
  return { kind: 'baton', name: label, url: `http://127.0.0.1:${port}`, pid: proc.child.pid, port };
}

async function startServers(db) {
  const floorPort = nextPort++;
  const floor = startProcess('floor', process.execPath, [path.join(here, 'floor-server.mjs'), db.url, String(floorPort)]);
  const v4Port = nextPort++;
  const v4 = startProcess('postgraphile v4', process.execPath, [path.join(here, 'postgraphile-v4.mjs'), db.readerUrl, String(v4Port)]);
  const v5Port = nextPort++;
  // PostGraphile v5 needs Node 22 (Promise.withResolvers): the binary of the npm `node@22` package,
  // started directly (through npx, SIGTERM reached npx and left the server running).
  const node22 = execFileSync('npx', ['-y', 'node@22', '-e', 'process.stdout.write(process.execPath)'], { encoding: 'utf8' }).trim();
  const v5 = startProcess('postgraphile v5', node22, [path.join(here, 'postgraphile-v5.mjs'), db.readerUrl, String(v5Port)]);
  const baton = await startBaton(db.url);
  await Promise.all([waitFor(`http://127.0.0.1:${floorPort}/`, floor), waitFor(`http://127.0.0.1:${v4Port}/graphql`, v4), waitFor(`http://127.0.0.1:${v5Port}/graphql`, v5, 240_000)]);
  return [
    baton,
    { kind: 'peer', name: 'postgraphile v5', url: `http://127.0.0.1:${v5Port}` },
    { kind: 'peer', name: 'postgraphile v4', url: `http://127.0.0.1:${v4Port}` },
    { kind: 'floor', name: 'floor (pg)', url: `http://127.0.0.1:${floorPort}` },
  ];
}

function headersFor(server) {
  return { 'content-type': 'application/json', ...(server.kind === 'baton' ? { authorization: `Bearer ${ADMIN_TOKEN}` } : {}) };
}

async function once(server, req) {
  const res = await fetch(server.url + req.path, { method: 'POST', headers: headersFor(server), body: req.body });
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${server.name} answered ${res.status}: ${text.slice(0, 300)}`);
  }
}

function cannon(server, req, connections, duration) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url: server.url + req.path, method: 'POST', headers: headersFor(server), body: req.body, connections, duration, pipelining: 1 },
      (err, result) => {
        if (err) return reject(err);
        if (result.non2xx || result.errors) return reject(new Error(`${server.name}: ${result.non2xx} non-2xx, ${result.errors} errors`));
        resolve({ rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 });
      },
    );
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function measureScenario(name, servers, reqs) {
  // Equivalence first: the same figures from every server.
  const seen = [];
  for (const s of servers) {
    const f = figures(name, s.kind, await once(s, reqs[s.kind]));
    seen.push({ server: s.name, ...f });
  }
  const ref = JSON.stringify(Object.entries(seen[0]).filter(([k]) => k !== 'server'));
  for (const f of seen) {
    if (JSON.stringify(Object.entries(f).filter(([k]) => k !== 'server')) !== ref) throw new Error(`${name}: servers disagree: ${JSON.stringify(seen)}`);
  }
  console.log(`\n${name}: every server answers ${ref}`);
  const out = {};
  for (const connections of CONNECTIONS) {
    const runs = Object.fromEntries(servers.map((s) => [s.name, []]));
    for (const s of servers) await cannon(s, reqs[s.kind], connections, 1); // warm-up
    for (let r = 0; r < REPEAT; r++) {
      for (const s of servers) {
        const m = await cannon(s, reqs[s.kind], connections, DURATION);
        runs[s.name].push(m);
        process.stdout.write(`  ${name} c=${connections} #${r + 1} ${s.name.padEnd(16)} ${m.rps.toFixed(0).padStart(6)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms\n`);
      }
    }
    out[`c${connections}`] = Object.fromEntries(
      Object.entries(runs).map(([k, ms]) => [k, { rps: Math.round(median(ms.map((m) => m.rps))), p50: median(ms.map((m) => m.p50)), p99: median(ms.map((m) => m.p99)), runs: ms }]),
    );
    const b = out[`c${connections}`].baton.rps;
    out[`c${connections}`].ratios = {
      batonOverPostgraphileV5: round2(b / out[`c${connections}`]['postgraphile v5'].rps),
      batonOverPostgraphileV4: round2(b / out[`c${connections}`]['postgraphile v4'].rps),
      batonOverFloor: round2(b / out[`c${connections}`]['floor (pg)'].rps),
    };
  }
  return out;
}
const round2 = (x) => Math.round(x * 100) / 100;

function printTable(results) {
  const rows = [];
  for (const name of ['page', 'totals', 'overview']) {
    const r = results.scenarios[name];
    if (!r) continue;
    for (const c of CONNECTIONS) {
      const m = r[`c${c}`];
      const cell = (k) => `${m[k].rps} (${m[k].p50}/${m[k].p99})`;
      rows.push([name, c, cell('baton'), cell('postgraphile v5'), cell('postgraphile v4'), cell('floor (pg)'), m.ratios.batonOverPostgraphileV5, m.ratios.batonOverPostgraphileV4, m.ratios.batonOverFloor]);
    }
  }
  const head = ['scenario', 'clients', 'Baton req/s (p50/p99 ms)', 'PostGraphile v5', 'PostGraphile v4', 'floor (pg)', 'B/PG5', 'B/PG4', 'B/floor'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((v, i) => String(v).padEnd(widths[i])).join('  ');
  console.log(`\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}`);
  if (results.csv) console.log(`\nCSV export: ${results.csv.rows.toLocaleString('en-US')} rows, ${results.csv.rowsPerSecond.toLocaleString('en-US')} rows/s (median), server RSS ${results.csv.idleRssMb} MB idle → ${results.csv.peakRssMb} MB peak (+${results.csv.growthMb} MB; target ≤ +20)`);
  if (results.live) console.log(`Live notifications: ${results.live.subscribers} subscribers on 2 instances, ${results.live.delivered}/${results.live.expected} delivered, p50 ${results.live.p50} ms, p99 ${results.live.p99} ms (the addNote request itself: p50 ${results.live.mutation.p50} ms, p99 ${results.live.mutation.p99} ms)`);
  if (results.bundle) console.log(`Web first-load JS: ${results.bundle.gzipKb} KB gzip (${results.bundle.files.length} files; target ≤ 150 KB)`);
}

async function main() {
  const n = sizes(SCALE);
  console.log(`Baton bench: scale ${SCALE}, ${REPEAT} repetitions of ${DURATION} s, clients ${CONNECTIONS.join(' and ')}; ${os.cpus().length} cores, Node ${process.version}`);
  const db = await openBenchDatabase(SCALE);
  const results = {
    generatedAt: new Date().toISOString(),
    command: 'pnpm bench',
    scale: SCALE,
    dataset: { invoices: n.invoices, creditMemos: n.creditMemos, invoiceLines: n.invoices * 3 + n.creditMemos, salesOrders: n.orders, clients: n.clients },
    repeat: REPEAT,
    durationSeconds: DURATION,
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 1e9), node: process.version, loadAverageAtStart: os.loadavg().map((x) => round2(x)) },
    scenarios: {},
  };
  try {
    const reqs = requests(n);
    const wanted = ['page', 'totals', 'overview'].filter((s) => ONLY.has(s));
    if (wanted.length) {
      const servers = await startServers(db);
      for (const name of wanted) results.scenarios[name] = await measureScenario(name, servers, reqs[name]);
      await stopAll();
      children.length = 0;
    }
    if (ONLY.has('csv')) results.csv = await measureCsv({ startBaton: () => startBaton(db.url, 'baton (csv)'), repeat: REPEAT, expectedRows: n.invoices + n.creditMemos + 60 });
    await stopAll();
    children.length = 0;
    if (ONLY.has('live')) results.live = await measureLive({ startBaton: (label) => startBaton(db.url, label), sizes: n });
    await stopAll();
    if (ONLY.has('bundle')) results.bundle = measureBundle(path.join(root, 'apps/web/dist'));
  } finally {
    await stopAll();
    await db.stop();
  }
  results.elapsedSeconds = Math.round((Date.now() - started) / 1000);
  printTable(results);
  const outDir = path.join(here, 'results');
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, SCALE === 1 ? 'latest.json' : `scale-${SCALE}.json`);
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nWrote ${path.relative(root, file)} (${results.elapsedSeconds} s in all)`);
  // Every child has exited (stopAll waited for each); what may still hold the loop is a client
  // library's idle timer, so the run ends here rather than waiting on it.
  process.exit(0);
}

process.on('SIGINT', () => stopAll().then(() => process.exit(130)));
main().catch(async (err) => {
  console.error(err);
  await stopAll();
  process.exit(1);
});
