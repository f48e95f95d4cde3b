/**
 * Production build of the web app into web/dist, which the server serves at /. With `--if-stale`
 * (used by `npm start` and the browser tests) it builds only when a source is newer than the
 * last build, so starting the server stays fast.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

const WEB = path.resolve(import.meta.dirname, '../web');
const BUILT = path.join(WEB, 'dist', 'index.html');
const SOURCES = [path.join(WEB, 'src'), path.join(WEB, 'index.html'), path.join(WEB, 'vite.config.ts')];

function newestChange(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file shows only as a newer directory
  for (const name of fs.readdirSync(entry)) newest = Math.max(newest, newestChange(path.join(entry, name)));
  return newest;
}

function isStale(): boolean {
  const built = fs.statSync(BUILT, { throwIfNoEntry: false });
  return !built || SOURCES.some((source) => newestChange(source) > built.mtimeMs);
}

const relativeDist = path.relative(process.cwd(), path.dirname(BUILT));
if (process.argv.includes('--if-stale') && !isStale()) {
  process.stdout.write(`web app is up to date (${relativeDist})\n`);
} else {
  const started = performance.now();
  // Vite's own report lists every asset; one line is enough before the server starts.
  await build({ configFile: path.join(WEB, 'vite.config.ts'), logLevel: 'warn' });
  process.stdout.write(
    `built web app into ${relativeDist} in ${((performance.now() - started) / 1000).toFixed(1)}s\n`,
  );
}
