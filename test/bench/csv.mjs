// CSV export of every invoice (all statuses): rows/s as the client receives them, and the server's
// memory: its RSS when idle just before each export, and its peak RSS during the export (VmHWM of a
// Baton process started for this measurement only, its high-water mark reset through
// /proc/<pid>/clear_refs before each export, so start-up peaks do not count).
import fs from 'node:fs';
import { ADMIN_TOKEN } from './dataset.mjs';

const ALL = Buffer.from(JSON.stringify({ statuses: ['OPEN', 'SENT_TO_CLIENT', 'EXPORTED', 'PAID', 'VOID'] })).toString('base64url');

const kb = (pid, field) => Number(fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+)`))?.[1] ?? 0);

export async function measureCsv({ startBaton, repeat, expectedRows }) {
  const baton = await startBaton();
  const runs = [];
  // One small request first, so idle means a server that has answered once (schema built, pools open).
  await fetch(`${baton.url}/healthz`);
  for (let r = 0; r < repeat; r++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const idleKb = kb(baton.pid, 'VmRSS');
    fs.writeFileSync(`/proc/${baton.pid}/clear_refs`, '5'); // resets VmHWM to the current RSS
    const startedAt = performance.now();
    const res = await fetch(`${baton.url}/reports/invoices.csv?filter=${ALL}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    if (res.status !== 200) throw new Error(`CSV answered ${res.status}`);
    let newlines = 0;
    let bytes = 0;
    for await (const chunk of res.body) {
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) newlines++;
    }
    const seconds = (performance.now() - startedAt) / 1000;
    const rows = newlines - 2; // header and totals row
    if (expectedRows != null && rows !== expectedRows) throw new Error(`CSV: ${rows} rows, expected ${expectedRows}`);
    const peakKb = kb(baton.pid, 'VmHWM');
    const idleRssMb = Math.round(idleKb / 1024);
    const peakRssMb = Math.round(peakKb / 1024);
    runs.push({ rows, seconds: Math.round(seconds * 100) / 100, rowsPerSecond: Math.round(rows / seconds), megabytes: Math.round(bytes / 1e5) / 10, idleRssMb, peakRssMb, growthMb: peakRssMb - idleRssMb });
    process.stdout.write(`  csv #${r + 1}: ${rows} rows in ${seconds.toFixed(2)} s (${Math.round(rows / seconds)} rows/s), RSS ${idleRssMb} MB idle → ${peakRssMb} MB peak\n`);
  }
  const mid = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  // Memory as the export that grew the most (the first, from a freshly started server, so far).
  const worst = runs.reduce((w, x) => (x.growthMb > w.growthMb ? x : w));
  return {
    rows: runs[0].rows,
    rowsPerSecond: mid(runs.map((x) => x.rowsPerSecond)),
    idleRssMb: worst.idleRssMb,
    peakRssMb: worst.peakRssMb,
    growthMb: worst.growthMb,
    runs,
    targets: { rowsPerSecond: 200_000, growthMb: 20 },
  };
}
