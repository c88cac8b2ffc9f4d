import { asc, eq, inArray, or } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { organisations, sections } from '../../../db/schema/index.ts';

export type VisibilityFilter = { all: true } | { all: false; ownIds: string[]; teamIds: string[] };

export function createOrganisationsRepository(db: DbOrTx) {
  return {
    async findScope(id: string) {
      const [row] = await db
        .select({ id: organisations.id, parentId: organisations.parentId, servingTeamId: organisations.servingTeamId })
        .from(organisations)
        .where(eq(organisations.id, id))
        .limit(1);
      return row;
    },

    /** Organisations matching the visibility rules of `canSeeOrganisation`, with their sections. */
    async listVisible(filter: VisibilityFilter) {
      let where;
      if (!filter.all) {
        const conditions = [];
        if (filter.ownIds.length) {
          conditions.push(inArray(organisations.id, filter.ownIds), inArray(organisations.parentId, filter.ownIds));
        }
        if (filter.teamIds.length) conditions.push(inArray(organisations.servingTeamId, filter.teamIds));
        if (conditions.length === 0) return [];
        where = or(...conditions);
      }
      const orgs = await db
        .select({ id: organisations.id, name: organisations.name, kind: organisations.kind, parentId: organisations.parentId })
        .from(organisations)
        .where(where)
        .orderBy(asc(organisations.name));
      if (orgs.length === 0) return [];
      const secs = await db
        .select({ id: sections.id, name: sections.name, organisationId: sections.organisationId })
        .from(sections)
        .where(inArray(sections.organisationId, orgs.map((o) => o.id)))
        .orderBy(asc(sections.sortOrder), asc(sections.name));
      return orgs.map((o) => ({
        ...o,
        sections: secs.filter((s) => s.organisationId === o.id).map(({ id, name }) => ({ id, name })),
      }));
    },
  };
}

export type OrganisationsRepository = ReturnType<typeof createOrganisationsRepository>;
