import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

export const organisationKinds = ['school', 'preschool_unit', 'preschool', 'police', 'social_services'] as const;

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind', { enum: organisationKinds }).notNull(),
    // A preschool belongs to its preschool unit (förskoleenhet); the unit's leadership sees it.
    parentId: uuid('parent_id').references((): AnyPgColumn => organisations.id, { onDelete: 'restrict' }),
    // The social services team that serves this organisation; its members see it.
    servingTeamId: uuid('serving_team_id').references((): AnyPgColumn => organisations.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('organisations_kind_check', sql`${t.kind} in ('school','preschool_unit','preschool','police','social_services')`),
    index('organisations_parent_idx').on(t.parentId),
    index('organisations_serving_team_idx').on(t.servingTeamId),
  ],
);

export const sections = pgTable(
  'sections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [index('sections_organisation_idx').on(t.organisationId, t.sortOrder)],
);
