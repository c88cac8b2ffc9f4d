import { inArray, sql } from 'drizzle-orm';
import type { AppRole, Db } from '../db/client.ts';
import { DEMO_PASSWORD, demoPeople } from '../db/demo-district.ts';
import { users } from '../db/schema/index.ts';
import { ConfigError } from './config.ts';
import type { PasswordHasher } from './lib/passwords.ts';

/**
 * What the app's database role may not be: a superuser (row-level security and every trigger are
 * off for it), a role that bypasses row-level security, or the owner of a table (it could switch
 * off a trigger or the forced row-level security). Empty when the role is as it should be.
 */
export function roleProblems(role: AppRole): string[] {
  const problems: string[] = [];
  if (role.superuser) problems.push('är superanvändare');
  if (role.bypassesRls) problems.push('går förbi radnivåskyddet (BYPASSRLS)');
  if (role.ownedTables > 0) problems.push(`äger ${role.ownedTables} tabeller`);
  return problems;
}

/** In production the app refuses a role with more power than it needs; elsewhere it warns. */
export function checkAppRole(role: AppRole, production: boolean, warn: (message: string) => void) {
  const problems = roleProblems(role);
  if (problems.length === 0) return;
  const message =
    `Databasrollen "${role.name}" som appen ansluter med ${problems.join(', ')}. ` +
    'Låt MIGRATION_DATABASE_URL vara ägarrollen och DATABASE_URL en roll som inte äger något (se README, "Two database roles").';
  if (production) throw new ConfigError(message);
  warn(message);
}

/**
 * Refuses a production start while an account still has the demo password. The demo seed gives
 * all its accounts one hash, so checking the demo addresses and every hash that several accounts
 * share finds them without verifying every account's password (25,000 argon2 checks at start).
 */
export async function checkNoDemoPasswords(db: Db, hasher: Pick<PasswordHasher, 'verify'>) {
  const suspects = await db
    .select({ hash: users.passwordHash, accounts: sql<number>`count(*)::int` })
    .from(users)
    .where(
      sql`${inArray(users.email, demoPeople.map((p) => p.email))}
        or ${users.passwordHash} in (select password_hash from users group by password_hash having count(*) > 1)`,
    )
    .groupBy(users.passwordHash);
  let accounts = 0;
  for (const s of suspects) if (await hasher.verify(s.hash, DEMO_PASSWORD)) accounts += s.accounts;
  if (accounts > 0) {
    throw new ConfigError(
      `${accounts === 1 ? 'Ett konto har' : `${accounts} konton har`} fortfarande demolösenordet. Byt lösenord eller ta bort demokontona innan Samverkan startas i produktion.`,
    );
  }
}
