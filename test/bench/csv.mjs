// CSV export of every invoice (all statuses): rows/s as the client receives them, and the server's
// peak RSS (VmHWM of a Baton process started for this measurement only).
import fs from 'node:fs';
import { ADMIN_TOKEN } from './dataset.mjs';

const ALL = Buffer.from(JSON.stringify({ statuses: ['OPEN', 'SENT_TO_CLIENT', 'EXPORTED', 'PAID', 'VOID'] })).toString('base64url');

const kb = (pid, field) => Number(fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+)`))?.[1] ?? 0);

export async function measureCsv({ startBaton, repeat, expectedRows }) {
  const baton = await startBaton();
  const runs = [];
  for (let r = 0; r < repeat; r++) {
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
    runs.push({ rows, seconds: Math.round(seconds * 100) / 100, rowsPerSecond: Math.round(rows / seconds), megabytes: Math.round(bytes / 1e5) / 10 });
    process.stdout.write(`  csv #${r + 1}: ${rows} rows in ${seconds.toFixed(2)} s (${Math.round(rows / seconds)} rows/s)\n`);
  }
  const peakRssMb = Math.round(kb(baton.pid, 'VmHWM') / 1024);
  const sorted = [...runs].sort((a, b) => a.rowsPerSecond - b.rowsPerSecond);
  return { rows: runs[0].rows, rowsPerSecond: sorted[Math.floor(sorted.length / 2)].rowsPerSecond, peakRssMb, runs, targets: { rowsPerSecond: 200_000, rssMb: 150 } };
}
