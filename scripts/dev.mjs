// `pnpm dev`: the API with --watch on :4000 and Vite with hot reload on :5173 (proxying /graphql,
// WebSocket included, to the API). Open http://localhost:5173.
import { spawn, spawnSync } from 'node:child_process';

const pnpm = ['npx', '-y', 'pnpm@10'];
const build = spawnSync(pnpm[0], [...pnpm.slice(1), '--filter', '@baton/domain', 'run', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

// Each in a process group of its own, so a signal reaches the real server behind npx → pnpm → node
// (the API then stops its embedded PostgreSQL).
const run = (pkg) => spawn(pnpm[0], [...pnpm.slice(1), '--filter', pkg, 'run', 'dev'], { stdio: 'inherit', detached: true });
const children = [run('@baton/api'), run('@baton/web')];
const stop = (signal) =>
  children.forEach((c) => {
    try {
      process.kill(-c.pid, signal);
    } catch {
      /* already gone */
    }
  });
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
for (const c of children) c.on('exit', (code) => { stop('SIGTERM'); process.exitCode ||= code ?? 0; });
