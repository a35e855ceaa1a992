// `npm run key` as a real process (through tsx, from the sources) on the embedded database in
// dataDir: what it printed on each stream and how it exited.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runKeyCli(dataDir: string, ...args: string[]): Promise<CliRun> {
  // Not the test runner's loader, and never a server: the embedded database in dataDir.
  const { NODE_OPTIONS: _, DATABASE_URL: __, ...env } = process.env;
  return new Promise((resolve, reject) => {
    // The child runs under another loader; its coverage of the same sources would garble the merged report.
    const child = spawn(process.execPath, [tsx, 'src/cli/key.ts', ...args], { cwd: root, env: { ...env, _TAPJS_PROCESSINFO_COVERAGE_: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
