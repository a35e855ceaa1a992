// The bench's child processes: a TypeScript script forked and awaited until it says it is ready,
// and a process's resident memory as the kernel counts it.
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Forks the script (under tsx), sends it `setup` if given, and resolves once it sends 'ready'. */
export async function startChild(script: string, env: Record<string, string>, setup?: unknown): Promise<ChildProcess> {
  const child = fork(new URL(script, import.meta.url), {
    env: { ...process.env, ...env },
    execArgv: ['--import', 'tsx'],
    // Structured clone: the floor's statement values keep their types (Date, Buffer).
    serialization: 'advanced',
  });
  await new Promise<void>((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`${script} exited with ${code} before it was ready`));
    child.once('exit', exited);
    child.on('message', function ready(message) {
      if (message !== 'ready') return;
      child.off('message', ready);
      child.off('exit', exited);
      resolve();
    });
    if (setup !== undefined) child.send(setup as never);
  });
  return child;
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** The process's memory from /proc/<pid>/status in MB: resident now (VmRSS) and at its peak (VmHWM). */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) / 1024;
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}
