// The web app's first-load JavaScript: the entry script of apps/web/dist/index.html, its
// modulepreloads and every chunk it imports statically (not the lazy route chunks), gzip level 9.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export function measureBundle(dist) {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)].map((m) => m[1] ?? m[2]);
  const seen = new Set();
  const walk = (url) => {
    const file = path.join(dist, url.replace(/^\//, ''));
    if (seen.has(file)) return;
    seen.add(file);
    const code = fs.readFileSync(file, 'utf8');
    // Static imports only: `import{…}from"./x.js"` / `import"./x.js"`; `import("./x.js")` is lazy.
    for (const m of code.matchAll(/\bimport\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']([^"']+\.js)["']/g)) {
      walk(path.posix.join(path.posix.dirname(url), m[1]));
    }
  };
  for (const e of entries) walk(e);
  const files = [...seen].map((f) => ({ file: path.relative(dist, f), bytes: fs.statSync(f).size, gzipBytes: zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length }));
  const gzip = files.reduce((s, f) => s + f.gzipBytes, 0);
  return { files, rawKb: Math.round(files.reduce((s, f) => s + f.bytes, 0) / 102.4) / 10, gzipKb: Math.round(gzip / 102.4) / 10, targetKb: 150, met: gzip <= 150 * 1024 };
}
