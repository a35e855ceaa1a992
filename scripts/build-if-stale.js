// Compiles src/ and migrations/ into dist/ only when dist/ is missing or older than a source, so that
// `npm start` and the CLI scripts start at once when nothing has changed (an up-to-date `tsc` alone
// takes 5–10 s here). Without type-checking (`--noCheck`: the same JavaScript, a third of the time):
// types are checked by `npm test`, `npm run typecheck` and `npm run build` (the image's build).
// Plain JavaScript: it runs before anything is compiled.
// Everything it prints goes to stderr: stdout belongs to the command that follows it (the key CLI
// prints the key alone there).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (path) => join(root, path);
const STAMP = at('dist/.tsbuildinfo');
const SOURCES = ['src', 'migrations'];
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json'];

/** Files and folders under dir, recursively (a folder's time changes when a file is added or removed). */
function* walk(dir) {
  yield dir;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

function newestSource() {
  let newest = { path: '', time: 0 };
  for (const path of [...SOURCES.flatMap((dir) => [...walk(at(dir))]), ...CONFIGS.map(at)]) {
    const time = statSync(path).mtimeMs;
    if (time > newest.time) newest = { path, time };
  }
  return newest;
}

/** Removes what tsc once wrote for a source that is gone: a stale migration in dist/ would still run. */
function pruneOrphans() {
  for (const dir of SOURCES) {
    if (!existsSync(at(`dist/${dir}`))) continue;
    for (const path of walk(at(`dist/${dir}`))) {
      const match = /^(.*)\.(js|js\.map|d\.ts)$/.exec(relative(at('dist'), path));
      if (match && !existsSync(at(`${match[1]}.ts`))) rmSync(path);
    }
  }
}

// tsc --incremental does not write again an output that was deleted while its build info stayed.
if (!existsSync(at('dist/src/server.js'))) rmSync(STAMP, { force: true });
const stampTime = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
const newest = newestSource();
if (newest.time > stampTime) {
  const tsc = at('node_modules/typescript/bin/tsc');
  if (!existsSync(tsc)) {
    process.stderr.write('dist/ is missing or older than the sources, and TypeScript is not installed to compile them: run `npm ci` (with dev dependencies).\n');
    process.exit(1);
  }
  const why = stampTime ? `${relative(root, newest.path)} changed since the last build` : 'the first time: about 10–30 s';
  process.stderr.write(`Compiling TypeScript into dist/ (${why})…\n`);
  const started = new Date();
  pruneOrphans();
  const { status } = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--noCheck'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (status !== 0) {
    process.stderr.write('Compiling failed (above); nothing was started.\n');
    process.exit(status ?? 1);
  }
  // tsc leaves its build info untouched when no output changed, so the stamp is moved by hand: to
  // when compiling began, so that a file saved meanwhile is compiled next time.
  utimesSync(STAMP, started, started);
  process.stderr.write(`Compiled in ${((Date.now() - started.getTime()) / 1000).toFixed(1)} s.\n`);
}
