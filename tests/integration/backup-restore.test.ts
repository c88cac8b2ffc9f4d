import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { drizzle as pgliteDrizzle } from 'drizzle-orm/pglite';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { createDb, rowsOf, type Db, type DbHandle } from '../../db/client.ts';
import { buildApp, type App } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { fixedClock } from '../../server/lib/clock.ts';
import { createAuditRepository } from '../../server/modules/audit/audit.repository.ts';
import { verifyAuditChain, type AuditAnchor } from '../../server/modules/audit/audit.verify.ts';
import type { Rows } from '../../server/modules/backup/backup.inventory.ts';
import { readManifest } from '../../server/modules/backup/backup.manifest.ts';
import { asUser, buildTestApp, TEST_ENV } from '../helpers/app.ts';
import { APP_ROLE, asRole, OWNER_ROLE } from '../helpers/db.ts';
import { createDistrict, createUser } from '../helpers/factories.ts';

// The restore drill, for real: data written through the app, an anchor written down, `npm run
// backup` and `npm run restore` as the operator runs them (child processes), then the restored
// copy counted table by table, its audit chain checked against the anchor, and the app built on
// it as its least-privileged role, signing in and reading consents under row-level security.
// PostgreSQL when DATABASE_URL is set (restored into a database of its own), else the embedded
// database in a folder of its own.

const ROOT = path.resolve(import.meta.dirname, '../..');
const PG_URL = process.env.DATABASE_URL;
const TODAY = '2026-03-10';
const clock = fixedClock(`${TODAY}T10:00:00+01:00`);
const work = mkdtempSync(path.join(tmpdir(), 'samverkan-drill-'));
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const undo of cleanups.reverse()) await undo().catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
});

/** A script as the operator runs it, with only the settings given (never the suite's own). */
function script(name: 'backup' | 'restore', args: string[], env: Record<string, string>) {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DATABASE_URL|MIGRATION_DATABASE_URL|BACKUP_DATABASE_URL|DATA_DIR|BACKUP_DIR)$/.test(k)));
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', `${name}.ts`), ...args], { cwd: ROOT, env: { ...base, ...env } });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise<{ code: number | null; output: string }>((resolve) => child.on('close', (code) => resolve({ code, output })));
}

/** Through the API: a case about the school with a consent (a table under forced row-level security), each in the audit log. */
async function writeThroughApp(app: App, db: Db) {
  const d = await createDistrict(db);
  const anna = await createUser(db, { name: 'Anna Berg', memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
  const headers = await asUser(app, anna);
  const created = await app.inject({ method: 'POST', url: '/api/cases', headers, payload: { label: 'Familjen S', organisationIds: [d.school.id], workerIds: [anna.id] } });
  expect(created.statusCode).toBe(201);
  const caseId = created.json().id as string;
  const consent = { organisationId: d.school.id, scopes: ['intervention_progress'], parties: [{ role: 'guardian' }], form: 'written', validFrom: TODAY, validUntil: '2026-06-12' };
  expect((await app.inject({ method: 'POST', url: `/api/cases/${caseId}/consents`, headers, payload: consent })).statusCode).toBe(201);
  return { anna, caseId };
}
type Written = Awaited<ReturnType<typeof writeThroughApp>>;

/** The anchor an operator writes down before the backup: the chain's newest row. */
async function anchorOf(db: Db): Promise<AuditAnchor> {
  const verdict = await verifyAuditChain(createAuditRepository(db));
  expect(verdict.broken).toBeNull();
  return { id: verdict.last!.id, hash: verdict.last!.hash };
}

/** Afterwards, more in the log before the backup: the anchor is then a row inside the copy, not its end. */
async function readConsents(app: App, written: Written) {
  const res = await app.inject({ method: 'GET', url: `/api/cases/${written.caseId}/consents`, headers: await asUser(app, written.anna) });
  expect(res.statusCode).toBe(200);
  return res.json() as { status: string }[];
}

/** What the test itself checks on the restored copy, as a role that sees every row. */
async function checkRestored(rows: Rows, auditDb: Db, dump: string, anchor: AuditAnchor) {
  const { inventory } = readManifest(dump);
  const counted: Record<string, number> = {};
  for (const table of Object.keys(inventory.tables)) counted[table] = Number((await rows(`select count(*) as n from ${table}`))[0]!.n);
  expect(counted).toEqual(Object.fromEntries(Object.entries(inventory.tables).map(([t, f]) => [t, f.rows])));
  expect(counted['public.cases']).toBeGreaterThan(0);
  expect(counted['public.consents']).toBeGreaterThan(0);

  const verdict = await verifyAuditChain(createAuditRepository(auditDb), anchor);
  expect(verdict.broken).toBeNull();
  expect(verdict.anchor).toEqual({ id: anchor.id, found: 'kept' });
  expect(`${verdict.last!.id}:${verdict.last!.hash}`).toBe(inventory.audit.head);
  expect(verdict.last!.id).toBeGreaterThan(anchor.id);
  return inventory.tables['public.audit_log']!.rows;
}

/** The app on the restored copy, as a role that owns nothing: it signs in and reads the consent through row-level security. */
async function signInOnRestored(handle: DbHandle, written: Written) {
  await handle.migrate();
  const role = await handle.role();
  expect(role).toMatchObject({ superuser: false, bypassesRls: false, ownedTables: 0 });
  const app = await buildApp({ config: loadConfig(TEST_ENV), database: handle, clock });
  try {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: written.anna.email, password: written.anna.password } });
    expect(login.statusCode).toBe(200);
    expect(await readConsents(app, written)).toEqual([expect.objectContaining({ status: 'active' })]);
    // Outside a tenancy the app's role sees no consent, and it cannot remove an audit row.
    expect(Number(rowsOf<{ n: string }>(await handle.db.execute(sql`select count(*) as n from consents`))[0]!.n)).toBe(0);
    await expect(handle.db.execute(sql`delete from audit_log`)).rejects.toThrow();
  } finally {
    await app.close();
  }
}

/** Someone with the server's powers removes the newest audit row and a policy from the restored copy. */
const TAMPER = `set session_replication_role = replica;
  delete from audit_log where id = (select max(id) from audit_log);
  drop policy consents_read on consents;
  set session_replication_role = origin;`;

function expectCaught(result: { code: number | null; output: string }, auditRows: number) {
  expect(result.code, result.output).toBe(1);
  expect(result.output).toContain(`public.audit_log: ${auditRows - 1} rader, kopian hade ${auditRows}.`);
  expect(result.output).toContain('public.consents: policyer – saknar consents_read.');
  expect(result.output).toMatch(/Granskningsloggen stämmer inte med ankaret: rad \d+ finns inte längre/);
}

async function expectDamagedFileRefused(dump: string, env: Record<string, string>, args: string[]) {
  const damaged = path.join(work, `damaged${path.extname(dump)}`);
  copyFileSync(dump, damaged);
  copyFileSync(`${dump}.json`, `${damaged}.json`);
  truncateSync(damaged, Math.floor(readFileSync(dump).length / 2));
  const result = await script('restore', [damaged, ...args], env);
  expect(result.code).toBe(1);
  expect(result.output).toContain('Filen stämmer inte med kontrollsumman');
}

describe.runIf(PG_URL)('backup and restore on PostgreSQL', () => {
  test('restored into a fresh database: the same rows per table, the audit chain holds the anchor, the app signs in as its own role; tampering is caught', async () => {
    const { app, db } = await buildTestApp({ clock });
    cleanups.push(() => app.close());
    const written = await writeThroughApp(app, db);
    const anchor = await anchorOf(db);
    await readConsents(app, written);

    const dump = path.join(work, 'samverkan.pgdump');
    const backup = await script('backup', [dump], { BACKUP_DATABASE_URL: PG_URL! });
    expect(backup.code, backup.output).toBe(0);

    const target = `${new URL(PG_URL!).pathname.slice(1)}_restore_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    cleanups.push(async () => {
      await admin.query(`drop database if exists ${target} with (force)`);
      await admin.end();
    });
    await admin.query(`create database ${target} owner ${OWNER_ROLE}`);
    const targetUrl = Object.assign(new URL(PG_URL!), { pathname: `/${target}` }).toString();

    const restore = await script('restore', [dump, '--database', targetUrl], {});
    expect(restore.code, restore.output).toBe(0);
    expect(restore.output).toContain('databasen är densamma som i säkerhetskopian');
    // A second restore over it is refused: the database is no longer empty.
    expect((await script('restore', [dump, '--database', targetUrl], {})).code).toBe(2);

    const superuser = new pg.Client({ connectionString: targetUrl });
    await superuser.connect();
    cleanups.push(() => superuser.end());
    const auditRows = await checkRestored(async (text) => (await superuser.query(text)).rows, drizzle(superuser) as unknown as Db, dump, anchor);

    await superuser.query(TAMPER);
    expectCaught(await script('restore', [dump, '--check', '--database', targetUrl], {}), auditRows);
    await expectDamagedFileRefused(dump, {}, ['--database', targetUrl]);
    // The operator restores again over the damaged copy.
    const again = await script('restore', [dump, '--replace', '--database', targetUrl], {});
    expect(again.code, again.output).toBe(0);

    const handle = await createDb({ databaseUrl: asRole(targetUrl, APP_ROLE), migrationUrl: asRole(targetUrl, OWNER_ROLE), poolSize: 2 });
    try {
      await signInOnRestored(handle, written);
    } finally {
      await handle.close();
    }
  }, 120_000);
});

describe.skipIf(PG_URL)('backup and restore of the embedded database', () => {
  test('restored into another DATA_DIR: the same rows per table, the audit chain holds the anchor, the app signs in as its own role; tampering is caught', async () => {
    const source = path.join(work, 'source');
    const database = await createDb({ dataDir: source });
    await database.migrate();
    const app = await buildApp({ config: loadConfig(TEST_ENV), database, clock });
    const written = await writeThroughApp(app, database.db);
    const anchor = await anchorOf(database.db);
    await readConsents(app, written);

    // PGlite is one process's: while the app has the folder open, the backup keeps out.
    const dump = path.join(work, 'samverkan.tar.gz');
    const refused = await script('backup', [dump], { DATA_DIR: source });
    expect(refused.code).toBe(2);
    expect(refused.output).toContain('Stoppa appen först');
    await app.close();
    await database.close();

    const backup = await script('backup', [dump], { DATA_DIR: source });
    expect(backup.code, backup.output).toBe(0);

    const copy = path.join(work, 'restored');
    const restore = await script('restore', [dump], { DATA_DIR: copy });
    expect(restore.code, restore.output).toBe(0);
    expect(restore.output).toContain('databasen är densamma som i säkerhetskopian');
    expect((await script('restore', [dump], { DATA_DIR: copy })).code).toBe(2);

    // Before migrate() the session is PGlite's superuser, which sees every row.
    const raw = await PGlite.create(path.join(copy, 'pglite'), { extensions: { btree_gist } });
    const auditRows = await checkRestored(async (text) => (await raw.query<Record<string, unknown>>(text)).rows, pgliteDrizzle(raw) as unknown as Db, dump, anchor);
    await raw.close();
    // The tampering is done to a copy of the folder, so the app can sign in on the restored one.
    const tampered = path.join(work, 'tampered');
    cpSync(copy, tampered, { recursive: true });
    const other = await PGlite.create(path.join(tampered, 'pglite'), { extensions: { btree_gist } });
    await other.exec(TAMPER);
    await other.close();
    expectCaught(await script('restore', [dump, '--check'], { DATA_DIR: tampered }), auditRows);
    await expectDamagedFileRefused(dump, { DATA_DIR: path.join(work, 'never') }, []);

    const handle = await createDb({ dataDir: copy });
    try {
      await signInOnRestored(handle, written);
    } finally {
      await handle.close();
    }
  }, 120_000);
});
