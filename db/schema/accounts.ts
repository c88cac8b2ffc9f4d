import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.ts';

export const accountLinkPurposes = ['invitation', 'password_reset'] as const;

// One-time links to choose a password: an invitation (7 days) or a reset (30 minutes). Stored by
// the SHA-256 of the token, never the token: a leaked table opens nobody's account. A link is
// used once (`used_at`); choosing a password ends every session of the person.
export const accountLinks = pgTable(
  'account_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: accountLinkPurposes }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    index('account_links_user_idx').on(t.userId, t.createdAt),
    check('account_links_purpose', sql`${t.purpose} in ('invitation', 'password_reset')`),
    check('account_links_expiry', sql`${t.expiresAt} > ${t.createdAt}`),
  ],
);

// A second factor for a password account (TOTP, RFC 6238). The secret is sealed with a key drawn
// from the session secret, so a copy of the table alone gives no codes. Unconfirmed until the
// first right code; `last_step` is the last 30-second step accepted, so a code works once.
export const secondFactors = pgTable('second_factors', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  sealedSecret: text('sealed_secret').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  lastStep: integer('last_step'),
});

// Ten one-time recovery codes per person, stored by their SHA-256 (they are random, 50 bits each).
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('recovery_codes_user_code').on(t.userId, t.codeHash)],
);
