import { bigserial, boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.ts';

export const sessions = pgTable(
  'sessions',
  {
    // SHA-256 of the random session token: a leaked table cannot be replayed as cookies.
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

// Every sign-in attempt, written before the password is checked (so twenty guesses sent at once
// are counted as twenty), marked succeeded when it was right. Failures limit guessing per account,
// per browser that has signed in to the account before (`device`, from its device cookie) and per
// address; successes are limited per address only, far above what a school needs on a Monday
// morning. Shared by every copy of the app through the database.
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    emailKey: text('email_key').notNull(),
    address: text('address').notNull(),
    device: text('device'),
    succeeded: boolean('succeeded').notNull().default(false),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('login_attempts_email_idx').on(t.emailKey, t.at),
    index('login_attempts_address_idx').on(t.address, t.at),
    index('login_attempts_device_idx').on(t.device, t.at),
  ],
);
