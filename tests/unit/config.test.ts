import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../server/config.ts';

const SECRET = 'q7Rk2vXz9LmB4nWc8TfYh3JdPs6GaE1u';

describe('configuration', () => {
  test('with nothing set the app runs on port 3000, on the embedded database in ./data, in demo mode', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, dataDir: './data', databaseUrl: undefined, demoData: true, trustProxy: false });
  });

  test('with DATABASE_URL demo data is loaded only when DEMO_DATA=true', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/x', SESSION_SECRET: SECRET }).demoData).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/x', SESSION_SECRET: SECRET, DEMO_DATA: 'true' }).demoData).toBe(true);
  });

  test('a real database needs a real session secret, in development too: never the published dev one', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://localhost/x' })).toThrow(/SESSION_SECRET/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://localhost/x', DEMO_DATA: 'true' })).toThrow(/SESSION_SECRET/);
  });

  test.each([
    ['32 × "a"', 'a'.repeat(32)],
    ['a short pattern repeated', 'abcdef'.repeat(8)],
    ['31 random characters', SECRET.slice(0, 31)],
  ])('a session secret of low variety is refused: %s', (_name, secret) => {
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret })).toThrow(/SESSION_SECRET måste vara en slumpad hemlighet/);
  });

  test('the API document is served in development and only on request in production', () => {
    expect(loadConfig({}).apiDocs).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET }).apiDocs).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET, API_DOCS: 'true' }).apiDocs).toBe(true);
  });

  test('production refuses to start without a real session secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://localhost/x' })).toThrow(/SESSION_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'kort' })).toThrow(/SESSION_SECRET/);
  });

  test('production never loads demo data', () => {
    const secret = SECRET;
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret, DEMO_DATA: 'true' })).toThrow(/DEMO_DATA/);
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret }).demoData).toBe(false);
  });

  test('an invalid value is named in a Swedish error', () => {
    expect(() => loadConfig({ PORT: 'tretusen' })).toThrow(/Ogiltig konfiguration: PORT/);
  });

  test.each([
    ['', false],
    ['false', false],
    ['10.0.0.0/8,127.0.0.1', '10.0.0.0/8,127.0.0.1'],
  ])('TRUST_PROXY=%j becomes %j', (raw, expected) => {
    expect(loadConfig({ TRUST_PROXY: raw }).trustProxy).toBe(expected);
  });

  test('TRUST_PROXY=true, which would believe X-Forwarded-For from anyone, stops the start with a Swedish reason', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY=true litar på X-Forwarded-For från vem som helst/);
  });

  test('a hop count, which Fastify would take as trusting nobody, stops the start too', () => {
    expect(() => loadConfig({ TRUST_PROXY: '1' })).toThrow(/TRUST_PROXY tar proxyernas adresser/);
  });

  test('city sign-in takes all three OIDC settings or none', () => {
    expect(loadConfig({}).oidc).toBeUndefined();
    expect(() => loadConfig({ OIDC_ISSUER: 'https://login.stad.example' })).toThrow(/alla tre/);
    expect(loadConfig({ OIDC_ISSUER: 'https://login.stad.example', OIDC_CLIENT_ID: 'samverkan', OIDC_CLIENT_SECRET: 'x' }).oidc).toEqual({
      issuer: 'https://login.stad.example',
      clientId: 'samverkan',
      clientSecret: 'x',
    });
  });

  test('a second factor is required of the case-handling and administering roles in production, by default only there', () => {
    expect(loadConfig({}).mfaRequiredRoles).toEqual([]);
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET, DATABASE_URL: 'postgres://a@b/c' }).mfaRequiredRoles).toEqual(['social_worker', 'team_lead', 'district_admin', 'admin']);
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET, DATABASE_URL: 'postgres://a@b/c', MFA_REQUIRED_ROLES: '' }).mfaRequiredRoles).toEqual([]);
    expect(loadConfig({ MFA_REQUIRED_ROLES: 'admin, police' }).mfaRequiredRoles).toEqual(['admin', 'police']);
    expect(() => loadConfig({ MFA_REQUIRED_ROLES: 'admin,chef' })).toThrow(/okänd roll chef/);
  });
});
