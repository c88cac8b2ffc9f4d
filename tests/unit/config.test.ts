import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../server/config.ts';

describe('configuration', () => {
  test('with nothing set the app runs on port 3000, on the embedded database in ./data, in demo mode', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, dataDir: './data', databaseUrl: undefined, demoData: true, trustProxy: false });
  });

  test('with DATABASE_URL demo data is loaded only when DEMO_DATA=true', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/x' }).demoData).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/x', DEMO_DATA: 'true' }).demoData).toBe(true);
  });

  test('production refuses to start without a real session secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://localhost/x' })).toThrow(/SESSION_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'kort' })).toThrow(/SESSION_SECRET/);
  });

  test('production never loads demo data', () => {
    const secret = 'x'.repeat(48);
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret, DEMO_DATA: 'true' })).toThrow(/DEMO_DATA/);
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret }).demoData).toBe(false);
  });

  test('an invalid value is named in a Swedish error', () => {
    expect(() => loadConfig({ PORT: 'tretusen' })).toThrow(/Ogiltig konfiguration: PORT/);
  });

  test.each([
    ['', false],
    ['false', false],
    ['true', true],
    ['1', 1],
    ['10.0.0.0/8,127.0.0.1', '10.0.0.0/8,127.0.0.1'],
  ])('TRUST_PROXY=%j becomes %j', (raw, expected) => {
    expect(loadConfig({ TRUST_PROXY: raw }).trustProxy).toBe(expected);
  });
});
