import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.ts';

// Idempotency keys: a request sent again with the same `Idempotency-Key` (a retry after a network
// error, a double click) gets the first answer and changes nothing. The key is claimed in the
// transaction that makes the change, so a rolled-back request leaves no key and two copies of one
// request wait for each other on the primary key. Only what the change made is kept (its id),
// never the answer's text: the answer is read again, for the person, when it is replayed. Kept 24 h.
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** SHA-256 of the client's key: nothing a client writes in a key is stored. */
    key: text('key').notNull(),
    /** The operation and a SHA-256 of what was asked: the same key with another request is refused. */
    request: text('request').notNull(),
    resourceId: uuid('resource_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);
