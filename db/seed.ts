import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { DEMO_PASSWORD, TEAM, demoOrganisations, demoPeople } from './demo-district.ts';
import { memberships, organisations, sections, users } from './schema/index.ts';

/**
 * Loads the demo district into an empty database, in one transaction. Returns false (and
 * writes nothing) when the database already holds organisations.
 */
export async function seedDemoDistrict(db: Db, hashPassword: (password: string) => Promise<string>): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    // Two copies starting at once on one empty database must not both seed it.
    await tx.execute(sql`select pg_advisory_xact_lock(727274)`);
    const [{ n }] = (await tx.select({ n: sql<number>`count(*)::int` }).from(organisations)) as [{ n: number }];
    if (n > 0) return false;

    const orgIds = new Map<string, string>();
    const sectionIds = new Map<string, string>();
    const teamId = crypto.randomUUID();
    for (const org of demoOrganisations) {
      const id = org.key === TEAM ? teamId : crypto.randomUUID();
      orgIds.set(org.key, id);
      await tx.insert(organisations).values({
        id,
        name: org.name,
        kind: org.kind,
        parentId: org.parent ? orgIds.get(org.parent) : null,
        servingTeamId: org.key === TEAM ? null : teamId,
      });
      for (const [i, name] of (org.sections ?? []).entries()) {
        const [row] = await tx.insert(sections).values({ organisationId: id, name, sortOrder: i }).returning({ id: sections.id });
        sectionIds.set(`${org.key}/${name}`, row!.id);
      }
    }

    for (const person of demoPeople) {
      const [user] = await tx
        .insert(users)
        .values({ email: person.email, name: person.name, title: person.title, phone: person.phone, passwordHash })
        .returning({ id: users.id });
      await tx.insert(memberships).values(
        person.memberships.map((m) => ({
          userId: user!.id,
          organisationId: m.org ? orgIds.get(m.org)! : null,
          sectionId: m.section ? sectionIds.get(`${m.org}/${m.section}`)! : null,
          role: m.role,
        })),
      );
    }
    return true;
  });
}
