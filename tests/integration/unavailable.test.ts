import { expect, test } from 'vitest';
import { createDb } from '../../db/client.ts';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';

test('when the database cannot be reached, health says so and the API answers 503 unavailable in Swedish', async () => {
  // A port nothing listens on: every connection is refused.
  const database = await createDb({ databaseUrl: 'postgres://postgres@127.0.0.1:1/none' });
  const app = await buildApp({ config: loadConfig({ NODE_ENV: 'test' }), database });
  try {
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toEqual({ status: 'degraded', db: 'down' });

    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'a@b.se', password: 'x' } });
    expect(login.statusCode).toBe(503);
    expect(login.json()).toMatchObject({ code: 'unavailable', detail: expect.stringMatching(/Inget sparades/) });
  } finally {
    await app.close();
    await database.close();
  }
});
