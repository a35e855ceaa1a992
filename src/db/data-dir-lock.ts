// One process at a time in an embedded data directory: PGlite itself would let a second one in
// and the two would corrupt each other's files.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirInUseError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the directory or throws DataDirInUseError; returns the function that gives it back. */
export function acquireDirectoryLock(dir: string): () => Promise<void> {
  const file = join(dir, '.cchc.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return async () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(file, 'utf8'));
      if (Number.isInteger(holder) && holder !== process.pid && alive(holder)) {
        throw new DataDirInUseError(
          `The embedded database in ${dir} is in use by process ${holder} (the running server?): ` +
            'stop it first, or set DATABASE_URL to use a PostgreSQL server.',
        );
      }
      // Left behind by a process that has gone: take it over.
      rmSync(file, { force: true });
    }
  }
  throw new DataDirInUseError(`Could not lock the embedded database in ${dir}.`);
}
