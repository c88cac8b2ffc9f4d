import { bigint, pgTable, uuid } from 'drizzle-orm/pg-core';

/** The scope of changes that belong to no one team (closed days, a place with no team): every team's reads depend on it. */
export const CITY_SCOPE = '00000000-0000-0000-0000-000000000000';

/**
 * Counts of committed changes to the directory, one per social services team (and one for the
 * whole city, `CITY_SCOPE`): organisations, sections, people, photos, contact assignments,
 * absences, the duty roster, team settings, closed days and who hosts or sits in what (migration
 * 0026's triggers bump the teams a transaction touched, once each, at commit). The session check
 * reads the counts of the actor's teams, so the contacts and reach reads can trust a cached day of
 * a team as long as its count has not moved, see a change the moment it commits, and are not
 * thrown away when another team across the city books a time or changes its roster.
 */
export const directoryVersions = pgTable('directory_versions', {
  scope: uuid('scope').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});
