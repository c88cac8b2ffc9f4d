import { and, asc, count, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/client.ts';
import { districts, organisations, sections } from '../../../db/schema/index.ts';
import { createAuditRepository } from '../audit/audit.repository.ts';

export function createDistrictsRepository(db: DbOrTx) {
  return {
    audit: createAuditRepository(db),

    listDistricts: () => db.select({ id: districts.id, name: districts.name }).from(districts).orderBy(asc(districts.name)),

    async districtNamed(name: string) {
      const [row] = await db.select({ id: districts.id }).from(districts).where(eq(sql`lower(${districts.name})`, name.toLowerCase())).limit(1);
      return row;
    },

    async createDistrict(name: string, at: Date) {
      const [row] = await db.insert(districts).values({ name, createdAt: at }).returning({ id: districts.id });
      return row!;
    },

    async districtExists(id: string) {
      return (await db.select({ id: districts.id }).from(districts).where(eq(districts.id, id))).length > 0;
    },

    async organisation(id: string) {
      const [row] = await db
        .select({ id: organisations.id, name: organisations.name, kind: organisations.kind, districtId: organisations.districtId, archivedAt: organisations.archivedAt })
        .from(organisations)
        .where(eq(organisations.id, id))
        .for('update');
      return row;
    },

    /** The district's live organisations (a file's names are checked against them), locked against a second import at once. */
    async liveOrganisationsOf(districtId: string) {
      return db
        .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
        .from(organisations)
        .where(and(eq(organisations.districtId, districtId), isNull(organisations.archivedAt)))
        .for('update');
    },

    /** A live organisation of the district with this name (names are unique per district, whatever the case). */
    async nameTaken(districtId: string, name: string, except?: string) {
      const rows = await db
        .select({ id: organisations.id })
        .from(organisations)
        .where(and(eq(organisations.districtId, districtId), eq(sql`lower(${organisations.name})`, name.toLowerCase()), isNull(organisations.archivedAt), except ? ne(organisations.id, except) : undefined));
      return rows.length > 0;
    },

    async createOrganisation(o: { name: string; kind: (typeof organisations.$inferInsert)['kind']; districtId: string; parentId: string | null; servingTeamId: string | null; sections: string[]; at: Date }) {
      const [row] = await db.insert(organisations).values({ name: o.name, kind: o.kind, districtId: o.districtId, parentId: o.parentId, servingTeamId: o.servingTeamId, createdAt: o.at }).returning({ id: organisations.id });
      if (o.sections.length) await db.insert(sections).values(o.sections.map((name, i) => ({ organisationId: row!.id, name, sortOrder: i })));
      return row!;
    },

    async updateOrganisation(id: string, changes: { name?: string; servingTeamId?: string | null }) {
      await db.update(organisations).set(changes).where(eq(organisations.id, id));
    },

    async archive(id: string, at: Date) {
      await db.update(organisations).set({ archivedAt: at }).where(and(eq(organisations.id, id), isNull(organisations.archivedAt)));
    },

    /** How many live organisations a team still serves. */
    async servedBy(teamId: string) {
      const [row] = await db.select({ n: count() }).from(organisations).where(and(eq(organisations.servingTeamId, teamId), isNull(organisations.archivedAt)));
      return row!.n;
    },

    /** Every organisation (archived too), for the administrator, with its sections. */
    async listOrganisations(districtIds: string[] | null) {
      const orgs = await db
        .select({ id: organisations.id, name: organisations.name, kind: organisations.kind, districtId: organisations.districtId, parentId: organisations.parentId, servingTeamId: organisations.servingTeamId, archivedAt: organisations.archivedAt })
        .from(organisations)
        .where(districtIds ? inArray(organisations.districtId, districtIds) : undefined)
        .orderBy(asc(organisations.name));
      const secs = orgs.length
        ? await db.select({ id: sections.id, name: sections.name, organisationId: sections.organisationId }).from(sections).where(inArray(sections.organisationId, orgs.map((o) => o.id))).orderBy(asc(sections.sortOrder))
        : [];
      return orgs.map((o) => ({ ...o, sections: secs.filter((s) => s.organisationId === o.id).map(({ id, name }) => ({ id, name })) }));
    },
  };
}
export type DistrictsRepository = ReturnType<typeof createDistrictsRepository>;

export const districtsTransaction =
  (db: Db) =>
  <T>(work: (tx: DistrictsRepository) => Promise<T>) =>
    db.transaction((tx) => work(createDistrictsRepository(tx)));
