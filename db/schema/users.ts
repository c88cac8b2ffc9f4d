import { sql } from 'drizzle-orm';
import { check, customType, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { districts, organisations, sections } from './organisations.ts';

export const roles = ['pedagogue', 'principal', 'pupil_health', 'police', 'partner', 'social_worker', 'team_lead', 'district_admin', 'admin'] as const;

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Stored lower-cased; the unique index makes sign-in case-insensitive.
    email: text('email').notNull(),
    name: text('name').notNull(),
    title: text('title'),
    phone: text('phone'),
    passwordHash: text('password_hash').notNull(),
    // The subject the city's OpenID provider gave this person at the first city sign-in: later
    // sign-ins find them by it even when the provider's e-mail changes. Never an identity number.
    oidcSubject: text('oidc_subject'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_unique').on(t.email),
    uniqueIndex('users_oidc_subject_unique').on(t.oidcSubject),
    check('users_email_lower', sql`${t.email} = lower(${t.email})`),
  ],
);

export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // Only the administrators work outside an organisation: the system's, and a district's.
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'cascade' }),
    // The district a district_admin manages (theirs only).
    districtId: uuid('district_id').references(() => districts.id, { onDelete: 'restrict' }),
    sectionId: uuid('section_id').references(() => sections.id, { onDelete: 'set null' }),
    role: text('role', { enum: roles }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'memberships_role_check',
      sql`${t.role} in ('pedagogue','principal','pupil_health','police','partner','social_worker','team_lead','district_admin','admin')`,
    ),
    check('memberships_org_required', sql`${t.role} in ('admin', 'district_admin') or ${t.organisationId} is not null`),
    check('memberships_district_admin', sql`(${t.role} = 'district_admin') = (${t.districtId} is not null) and (${t.role} <> 'district_admin' or ${t.organisationId} is null)`),
    index('memberships_district_idx').on(t.districtId),
    uniqueIndex('memberships_unique').on(t.userId, t.organisationId, t.role),
    index('memberships_organisation_idx').on(t.organisationId),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

// A profile photo: re-encoded on upload (256 × 256 WebP, no metadata, so no camera or GPS data
// survives), kept apart from `users` so that reading people never drags the bytes along.
export const userPhotos = pgTable('user_photos', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  image: bytea('image').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
