import { bigserial, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Append-only and tamper-evident: each row carries the hash of the one before it, so an edited
// or deleted row breaks the chain (`npm run audit:verify`). Triggers (migration 0006) refuse
// UPDATE, DELETE and TRUNCATE for every role. Names are copied, not referenced: the log must
// still say who did what after an account or organisation is gone. No family detail goes in:
// the target is an id, the action a fixed word.
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    actorRole: text('actor_role'),
    organisationId: uuid('organisation_id'),
    organisationName: text('organisation_name'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: uuid('target_id').notNull(),
    caseId: uuid('case_id'),
    address: text('address'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_case_idx').on(t.caseId, t.id), index('audit_log_target_idx').on(t.targetId, t.id)],
);
