import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { start } from '../../bench/start.ts';
import { freePort } from '../helpers/ports.ts';

// SIGTERM under load: the process stops taking connections, answers every request it accepted,
// and exits within 10 s. Each request has a connection of its own, so a refused connection means
// "not accepted" and a reset or a hang-up would mean an accepted request was dropped. The app runs
// as `npm start` runs it, on an embedded database of its own (the database does not matter here).

type Outcome = { status: number } | { error: string };

function call(port: number, method: 'GET' | 'POST', urlPath: string, body?: object): Promise<Outcome> {
  return new Promise((resolve) => {
    const payload = body ? JSON.stringify(body) : undefined;
    const req = request(
      { host: '127.0.0.1', port, method, path: urlPath, agent: false, headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {} },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
        res.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
    req.end(payload);
  });
}

describe.skipIf(!!process.env.DATABASE_URL)('stopping the process with SIGTERM under load', () => {
  test('accepted requests are all answered, new connections are refused, and it exits 0 within 10 s', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'samverkan-shutdown-'));
    const port = await freePort();
    const { child } = await start('server/main.ts', { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'development', DATABASE_URL: '', LOGIN_MAX_SIGN_INS_PER_ADDRESS: '1000000', LOGIN_MAX_FAILURES_PER_ADDRESS: '1000000' }, /Samverkan kör på/);
    try {
      const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.on('exit', (code) => resolve({ code, at: performance.now() })));
      const outcomes: Outcome[][] = [[], []];
      let running = true;
      // A steady stream of cheap reads, and sign-ins (a password hash each: slow) under way at the signal.
      const stream = async (seen: Outcome[]) => {
        while (running) seen.push(await call(port, 'GET', '/api/health'));
      };
      const streams = outcomes.map(stream);
      const signIns = Array.from({ length: 6 }, (_, i) => call(port, 'POST', '/api/auth/login', { email: `ingen-${i}@skola.example`, password: 'fel-lösenord-123' }));
      // A connection opened after them is answered, so theirs were accepted (the kernel hands
      // connections over in order): from here on they are requests the app has taken on.
      expect(await call(port, 'GET', '/api/health')).toEqual({ status: 200 });
      const signalled = performance.now();
      child.kill('SIGTERM');
      const { code, at } = await exited;
      running = false;
      await Promise.all(streams);
      const answeredSignIns = await Promise.all(signIns);

      expect(code).toBe(0);
      expect(at - signalled).toBeLessThan(10_000);
      // Every sign-in accepted before the signal got its answer (401: a wrong password).
      expect(answeredSignIns).toEqual(Array(6).fill({ status: 401 }));
      // Reads were answered until the listener closed; after that a connection is refused. The one
      // connection a stream had in the kernel's queue at the instant the listener closed (never
      // accepted by the app) may be reset by the kernel; none before it, and none after.
      for (const seen of outcomes) {
        const firstFailure = seen.findIndex((o) => !('status' in o && o.status === 200));
        expect(firstFailure).toBeGreaterThan(0);
        const after = seen.slice(firstFailure);
        const boundary = after[0]!;
        expect(['ECONNREFUSED', 'ECONNRESET']).toContain('error' in boundary ? boundary.error : String(boundary.status));
        expect(after.slice(1).filter((o) => !('error' in o && o.error === 'ECONNREFUSED'))).toEqual([]);
      }
    } finally {
      child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
