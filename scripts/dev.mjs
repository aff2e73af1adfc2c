// `pnpm dev`: the API with --watch on :4000 and Vite with hot reload on :5173 (proxying /graphql,
// WebSocket included, to the API). Open http://localhost:5173.
import { spawn, spawnSync } from 'node:child_process';

const pnpm = ['npx', '-y', 'pnpm@10'];
const build = spawnSync(pnpm[0], [...pnpm.slice(1), '--filter', '@baton/domain', 'run', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const children = [
  spawn(pnpm[0], [...pnpm.slice(1), '--filter', '@baton/api', 'run', 'dev'], { stdio: 'inherit' }),
  spawn(pnpm[0], [...pnpm.slice(1), '--filter', '@baton/web', 'run', 'dev'], { stdio: 'inherit' }),
];
const stop = (signal) => children.forEach((c) => c.exitCode === null && c.kill(signal));
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
for (const c of children) c.on('exit', (code) => { stop('SIGTERM'); process.exitCode ||= code ?? 0; });
