import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

export const organisationKinds = [
  'school',
  'preschool_unit',
  'preschool',
  'police',
  'social_services',
  // Partners of the wider model (the council papers): BVC, BUP and vårdcentral, fritid and
  // fältassistenter, another social services unit, anything else. Their staff are `partner`.
  'child_health',
  'health_care',
  'youth_services',
  'social_services_unit',
  'other',
] as const;

/** A stadsdel: one installation serves many, each with its own teams and organisations. */
export const districts = pgTable(
  'districts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('districts_name_unique').on(sql`lower(${t.name})`)],
);

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
    // The stadsdel it belongs to; organisations from before districts existed have none.
    districtId: uuid('district_id').references(() => districts.id, { onDelete: 'restrict' }),
    // Archived, never deleted while anything refers to it: hidden from lists and pickers.
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('organisations_kind_check', sql`${t.kind} in ('school','preschool_unit','preschool','police','social_services','child_health','health_care','youth_services','social_services_unit','other')`),
    index('organisations_district_idx').on(t.districtId),
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
