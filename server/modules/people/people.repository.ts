import { and, asc, eq, ilike, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/client.ts';
import { districts, memberships, organisations, sections, users } from '../../../db/schema/index.ts';
import { createAccountsRepository } from '../accounts/accounts.repository.ts';
import { createSecondFactorRepository } from '../second-factor/second-factor.repository.ts';
import { createAuditRepository } from '../audit/audit.repository.ts';

const SHOWN = 50;

export function createPeopleRepository(db: DbOrTx) {
  return {
    accounts: createAccountsRepository(db),
    /** A person's second factor, reset by an administrator inside the people transaction. */
    secondFactor: createSecondFactorRepository(db),
    audit: createAuditRepository(db),

    async emailTaken(email: string) {
      const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
      return !!row;
    },

    async organisationsByIds(ids: string[]) {
      if (ids.length === 0) return [];
      return db
        .select({ id: organisations.id, name: organisations.name, kind: organisations.kind, districtId: organisations.districtId })
        .from(organisations)
        .where(and(inArray(organisations.id, ids), isNull(organisations.archivedAt)));
    },

    async existingDistricts(ids: string[]) {
      if (ids.length === 0) return [];
      return (await db.select({ id: districts.id }).from(districts).where(inArray(districts.id, ids))).map((d) => d.id);
    },

    /** A person's memberships with the district each is in (an organisation's, or a district_admin's own). */
    async membershipsOf(userId: string) {
      return db
        .select({ role: memberships.role, districtId: sql<string | null>`coalesce(${memberships.districtId}, ${organisations.districtId})` })
        .from(memberships)
        .leftJoin(organisations, eq(organisations.id, memberships.organisationId))
        .where(eq(memberships.userId, userId));
    },

    /** Organisations by name, case-insensitively (a file names them as people do); in these districts only, unless null. */
    async organisationsByNames(lowerNames: string[], districtIds: string[] | null) {
      if (lowerNames.length === 0) return [];
      return db
        .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
        .from(organisations)
        .where(and(inArray(sql`lower(${organisations.name})`, lowerNames), isNull(organisations.archivedAt), districtIds ? inArray(organisations.districtId, districtIds) : undefined));
    },

    async sectionsOf(organisationIds: string[]) {
      if (organisationIds.length === 0) return [];
      return db.select({ id: sections.id, organisationId: sections.organisationId, name: sections.name }).from(sections).where(inArray(sections.organisationId, organisationIds));
    },

    /** The addresses among these that already have an account. */
    async takenEmails(emails: string[]) {
      if (emails.length === 0) return [];
      return (await db.select({ email: users.email }).from(users).where(inArray(users.email, emails))).map((r) => r.email);
    },

    async sectionsByIds(ids: string[]) {
      if (ids.length === 0) return [];
      return db.select({ id: sections.id, organisationId: sections.organisationId }).from(sections).where(inArray(sections.id, ids));
    },

    /** A person with no password anyone knows (the hash of a random one) until the invitation is used. */
    async create(p: { name: string; email: string; phone: string | null; title: string | null; passwordHash: string; memberships: { organisationId: string | null; districtId?: string | null; role: (typeof memberships.$inferInsert)['role']; sectionId: string | null }[] }) {
      const [user] = await db.insert(users).values({ name: p.name, email: p.email, phone: p.phone, title: p.title, passwordHash: p.passwordHash }).returning({ id: users.id, name: users.name });
      await db.insert(memberships).values(p.memberships.map((m) => ({ ...m, userId: user!.id })));
      return user!;
    },

    async find(id: string) {
      const [row] = await db.select({ id: users.id, name: users.name, disabledAt: users.disabledAt }).from(users).where(eq(users.id, id)).for('update');
      return row;
    },

    /** Disabling ends every session at once (a trigger in the database does it in the same statement). */
    async setDisabled(id: string, at: Date | null) {
      await db.update(users).set({ disabledAt: at }).where(and(eq(users.id, id), at ? isNull(users.disabledAt) : isNotNull(users.disabledAt)));
    },

    async organisationIdsOf(userId: string) {
      const rows = await db.select({ organisationId: memberships.organisationId }).from(memberships).where(eq(memberships.userId, userId));
      return rows.map((r) => r.organisationId);
    },

    /** People whose name or address holds the words, by name, with their memberships; with `districtIds`, only people working there. */
    async search(q: string, districtIds: string[] | null) {
      const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const inDistricts = districtIds
        ? sql`exists (select 1 from ${memberships} m left join ${organisations} o on o.id = m.organisation_id
            where m.user_id = ${users.id} and ${inArray(sql`coalesce(m.district_id, o.district_id)`, districtIds)})`
        : undefined;
      const people = await db
        .select({ id: users.id, name: users.name, email: users.email, disabledAt: users.disabledAt })
        .from(users)
        .where(and(q ? or(ilike(users.name, pattern), ilike(users.email, pattern)) : undefined, inDistricts))
        .orderBy(asc(users.name), asc(users.email))
        .limit(SHOWN);
      const ids = people.map((p) => p.id);
      const held = ids.length
        ? await db
            .select({ userId: memberships.userId, organisationId: memberships.organisationId, organisationName: organisations.name, role: memberships.role })
            .from(memberships)
            .leftJoin(organisations, eq(organisations.id, memberships.organisationId))
            .where(inArray(memberships.userId, ids))
            .orderBy(asc(organisations.name))
        : [];
      return people.map((p) => ({ ...p, memberships: held.filter((m) => m.userId === p.id) }));
    },
  };
}
export type PeopleRepository = ReturnType<typeof createPeopleRepository>;

export const peopleTransaction =
  (db: Db) =>
  <T>(work: (tx: PeopleRepository) => Promise<T>) =>
    db.transaction((tx) => work(createPeopleRepository(tx)));
