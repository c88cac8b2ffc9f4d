import { sql } from 'drizzle-orm';
import { bigint, boolean, check, pgTable } from 'drizzle-orm/pg-core';

/**
 * One row counting committed changes to the directory: organisations, sections, people,
 * photos, contact assignments, absences, the duty roster, team settings, closed days and who
 * hosts or sits in what (migration 0012's triggers bump it once per transaction, at commit).
 * The session check reads it, so the contacts and reach reads can trust a cached day as long as
 * the number has not moved, and see a change the moment it commits.
 */
export const directoryVersion = pgTable(
  'directory_version',
  {
    singleton: boolean('singleton').primaryKey().default(true),
    version: bigint('version', { mode: 'number' }).notNull().default(0),
  },
  (t) => [check('directory_version_singleton', sql`${t.singleton}`)],
);
