import { sql } from 'drizzle-orm';
import { bigserial, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.ts';

// The transactional outbox: a mail is written in the same transaction as the change that causes
// it, so a rolled-back booking sends nothing and a committed one always does. A worker in every
// copy of the app sends what is due (claimed with FOR UPDATE SKIP LOCKED and a lease, so two
// copies never send one row together), retries with backoff and gives up into `failed_at`.
// One row per (event, recipient): `dedupe_key` is unique, so an event written twice is one mail.
// Bodies hold time, place, kind and a link only: never a note, a label or feedback text.
// The address is looked up when the mail is sent: a changed address is honoured, a disabled
// person is skipped.
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    dedupeKey: text('dedupe_key').notNull().unique(),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    /** An iCalendar invite (METHOD:REQUEST or CANCEL), sent as a text/calendar attachment. */
    ics: text('ics'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** While a worker sends the row, no other takes it; a crashed worker's lease runs out. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** The recipient could not get mail (disabled, no address): not sent, not retried. */
    skippedAt: timestamp('skipped_at', { withTimezone: true }),
    /** Given up after the last retry: the dead-letter list. */
    failedAt: timestamp('failed_at', { withTimezone: true }),
    /** The SMTP server's answer code and text, never the address. */
    lastError: text('last_error'),
  },
  (t) => [
    index('outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.sentAt} is null and ${t.skippedAt} is null and ${t.failedAt} is null`),
    index('outbox_sent_idx').on(t.sentAt),
  ],
);

// The portal's own notifications: the same events as the mails, written by the same call in the
// same transaction (one per event and person, by the same key). Text and link only, like a mail.
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dedupeKey: text('dedupe_key').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    link: text('link').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
);

// The kinds of mail a person has turned off (urgent requests cannot be). Notifications still come.
export const mailPreferences = pgTable('mail_preferences', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  off: text('off').array().notNull().default(sql`'{}'::text[]`),
});

// A person's secret calendar feed: only the token's SHA-256 is kept; a new one replaces the old.
export const calendarFeeds = pgTable('calendar_feeds', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});
