import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
