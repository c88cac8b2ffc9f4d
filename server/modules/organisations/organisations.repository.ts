import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { OrganisationKind } from '../../contracts/organisations.ts';
import type { DbOrTx } from '../../../db/client.ts';
import { organisations, sections } from '../../../db/schema/index.ts';

export type VisibilityFilter = { all: true } | { all: false; ownIds: string[]; teamIds: string[] };

export function createOrganisationsRepository(db: DbOrTx) {
  // Every read of an organisation's data starts with this visibility check: prepared once.
  const scope = db
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      parentId: organisations.parentId,
      servingTeamId: organisations.servingTeamId,
      archived: sql<boolean>`${organisations.archivedAt} is not null`,
    })
    .from(organisations)
    .where(eq(organisations.id, sql.placeholder('id')))
    .limit(1)
    .prepare('organisation_scope');

  return {
    async findScope(id: string) {
      const [row] = await scope.execute({ id });
      return row;
    },

    /** Organisations matching the visibility rules of `canSeeOrganisation`, with their sections. */
    listVisible: (() => {
      const own = sql.placeholder('own');
      const teams = sql.placeholder('teams');
      const prepared = db
        .select({
          id: organisations.id,
          name: organisations.name,
          kind: organisations.kind,
          parentId: organisations.parentId,
          sectionId: sections.id,
          sectionName: sections.name,
        })
        .from(organisations)
        .leftJoin(sections, eq(sections.organisationId, organisations.id))
        .where(
          and(
            // An archived organisation keeps its history but leaves every list and picker.
            isNull(organisations.archivedAt),
            or(
              sql`${sql.placeholder('all')}::boolean`,
              sql`${organisations.id} = any(${own}::uuid[])`,
              sql`${organisations.parentId} = any(${own}::uuid[])`,
              sql`${organisations.servingTeamId} = any(${teams}::uuid[])`,
            ),
          ),
        )
        .orderBy(asc(organisations.name), asc(organisations.id), asc(sections.sortOrder), asc(sections.name))
        .prepare('organisations_visible');

      return async (filter: VisibilityFilter) => {
        const rows = await prepared.execute(
          filter.all ? { all: true, own: [], teams: [] } : { all: false, own: filter.ownIds, teams: filter.teamIds },
        );
        const byId = new Map<string, { id: string; name: string; kind: OrganisationKind; parentId: string | null; sections: { id: string; name: string }[] }>();
        for (const r of rows) {
          let org = byId.get(r.id);
          if (!org) byId.set(r.id, (org = { id: r.id, name: r.name, kind: r.kind, parentId: r.parentId, sections: [] }));
          if (r.sectionId) org.sections.push({ id: r.sectionId, name: r.sectionName! });
        }
        return [...byId.values()];
      };
    })(),
  };
}

export type OrganisationsRepository = ReturnType<typeof createOrganisationsRepository>;
