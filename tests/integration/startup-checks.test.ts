import { eq, inArray } from 'drizzle-orm';
import { afterAll, describe, expect, test } from 'vitest';
import { demoPeople } from '../../db/demo-district.ts';
import { users } from '../../db/schema/index.ts';
import { seedDemoDistrict } from '../../db/seed.ts';
import { ConfigError } from '../../server/config.ts';
import { demoCalendar } from '../../server/lib/demo-calendar.ts';
import { passwordHasher } from '../../server/lib/passwords.ts';
import { checkAppRole, checkNoDemoPasswords, roleProblems } from '../../server/startup-checks.ts';
import { freshPglite, testDb } from '../helpers/db.ts';

describe('the database role the app runs as', () => {
  test('the tests run as the app does: a role that is no superuser, bypasses nothing and owns no table', async () => {
    const role = await (await testDb()).role();
    expect(role).toMatchObject({ superuser: false, bypassesRls: false, ownedTables: 0 });
    expect(roleProblems(role)).toEqual([]);
  });

  test('in production a role with more power is refused in Swedish; elsewhere it is a warning', () => {
    const owner = { name: 'samverkan', superuser: true, bypassesRls: false, ownedTables: 17 };
    expect(() => checkAppRole(owner, true, () => undefined)).toThrow(ConfigError);
    expect(() => checkAppRole(owner, true, () => undefined)).toThrow('Databasrollen "samverkan" som appen ansluter med är superanvändare, äger 17 tabeller.');
    const warnings: string[] = [];
    checkAppRole(owner, false, (m) => warnings.push(m));
    expect(warnings).toEqual([expect.stringContaining('MIGRATION_DATABASE_URL')]);
  });
});

describe('no production start with the demo password', async () => {
  const database = await freshPglite();
  afterAll(() => database.close());

  test('an empty database passes', async () => {
    await expect(checkNoDemoPasswords(database.db, passwordHasher)).resolves.toBeUndefined();
  });

  test('the demo district is refused until every demo account has a password of its own', async () => {
    await seedDemoDistrict(database.db, passwordHasher.hash, demoCalendar(new Date('2026-11-23T10:00:00+01:00')));
    await expect(checkNoDemoPasswords(database.db, passwordHasher)).rejects.toThrow(`${demoPeople.length} konton har fortfarande demolösenordet`);
    const emails = demoPeople.map((p) => p.email);
    // All but one changed: that one still stops the start.
    await database.db.update(users).set({ passwordHash: await passwordHasher.hash('ett eget långt lösenord') }).where(inArray(users.email, emails.slice(1)));
    await expect(checkNoDemoPasswords(database.db, passwordHasher)).rejects.toThrow('Ett konto har fortfarande demolösenordet');
    await database.db.update(users).set({ passwordHash: await passwordHasher.hash('ett annat eget lösenord') }).where(eq(users.email, emails[0]!));
    await expect(checkNoDemoPasswords(database.db, passwordHasher)).resolves.toBeUndefined();
  });
});
