import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { memberships, organisations, sections, users } from '../../db/schema/index.ts';
import type { Role } from '../../server/contracts/auth.ts';
import type { OrganisationKind } from '../../server/contracts/organisations.ts';
import { passwordHasher } from '../../server/lib/passwords.ts';

export const TEST_PASSWORD = 'rätt-lösenord-123';
let hashed: Promise<string> | undefined;
const passwordHash = () => (hashed ??= passwordHasher.hash(TEST_PASSWORD));

const unique = () => randomUUID().slice(0, 8);

export async function createOrganisation(
  db: Db,
  o: { kind?: OrganisationKind; name?: string; parentId?: string; servingTeamId?: string; sections?: string[] } = {},
) {
  const [org] = await db
    .insert(organisations)
    .values({
      name: o.name ?? `Testverksamhet ${unique()}`,
      kind: o.kind ?? 'school',
      parentId: o.parentId ?? null,
      servingTeamId: o.servingTeamId ?? null,
    })
    .returning();
  const secs = [];
  for (const [i, name] of (o.sections ?? []).entries()) {
    const [s] = await db.insert(sections).values({ organisationId: org!.id, name, sortOrder: i }).returning();
    secs.push(s!);
  }
  return { ...org!, sections: secs };
}

export type TestUser = { id: string; email: string; name: string; password: string };

export async function createUser(
  db: Db,
  u: { name?: string; memberships?: { organisationId: string | null; role: Role; sectionId?: string }[]; disabled?: boolean } = {},
): Promise<TestUser> {
  const email = `person-${unique()}@test.example`;
  const name = u.name ?? `Testperson ${unique()}`;
  const [user] = await db
    .insert(users)
    .values({ email, name, passwordHash: await passwordHash(), disabledAt: u.disabled ? new Date() : null })
    .returning({ id: users.id });
  if (u.memberships?.length) {
    await db.insert(memberships).values(
      u.memberships.map((m) => ({ userId: user!.id, organisationId: m.organisationId, role: m.role, sectionId: m.sectionId ?? null })),
    );
  }
  return { id: user!.id, email, name, password: TEST_PASSWORD };
}

/** A team serving a school (with sections) and a preschool unit with one preschool. */
export async function createDistrict(db: Db) {
  const team = await createOrganisation(db, { kind: 'social_services', name: `Team ${unique()}` });
  const school = await createOrganisation(db, { kind: 'school', servingTeamId: team.id, sections: ['F–3', '7–9'] });
  const unit = await createOrganisation(db, { kind: 'preschool_unit', servingTeamId: team.id });
  const preschool = await createOrganisation(db, { kind: 'preschool', parentId: unit.id, servingTeamId: team.id });
  return { team, school, unit, preschool };
}
