import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/** Starts a script of the repo as its own process and resolves once its output says it is ready. */
export function start(file: string, env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; ms: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [file], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    // Once ready, the output is only drained: the app logs every request, and reading it costs
    // the machine that is being measured.
    const onData = (buf: Buffer) => {
      if (!ready.test(buf.toString())) return;
      child.stdout!.off('data', onData).resume();
      resolve({ child, ms: performance.now() - t0 });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (b: Buffer) => process.stderr.write(b));
    child.on('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
  });
}
