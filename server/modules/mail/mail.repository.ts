import { and, desc, eq, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '../../../db/client.ts';
import { mailPreferences, notifications, outbox, users } from '../../../db/schema/index.ts';
import type { MailKind } from '../../contracts/mail.ts';

/** When reminders go out the day before, unless the team has chosen another time. */
export const DEFAULT_REMINDER_TIME = '15:00';

/**
 * Mail nobody can turn off: an urgent request for a meeting is a matter of a child's safety, and
 * an invitation or a reset link is the way into the account.
 */
export const ALWAYS_SENT = ['meeting.urgent', 'account.invitation', 'account.reset'] as const;

/** Mail whose body holds a one-time link: emptied once an SMTP server has accepted it. */
export const SECRET_KINDS: ReadonlySet<string> = new Set(['account.invitation', 'account.reset']);
const SENT_SECRET = 'Brevet innehöll en engångslänk och tömdes när det hade skickats.';

/** One mail to one person about one event; `dedupeKey` names the pair, so it is written once. */
/** Which of the kinds a person can turn off (contracts/mail.ts) a mail's kind belongs to: 'booking.moved' → 'bookings'. */
export const kindGroups: Record<string, MailKind> = { booking: 'bookings', meeting: 'meetings', reminder: 'reminders', feedback: 'feedback', consent: 'consents' };
const KIND_GROUP = sql.raw(`(case split_part(o.kind, '.', 1) ${Object.entries(kindGroups).map(([prefix, group]) => `when '${prefix}' then '${group}'`).join(' ')} end)`);

export type OutboxMessage = {
  dedupeKey: string;
  recipientId: string;
  kind: string;
  subject: string;
  text: string;
  html: string;
  ics: string | null;
  /** Where the mail's link points, in the portal: the notification links there too. */
  link: string;
};

export type ClaimedMail = Omit<OutboxMessage, 'link'> & { id: number; attempts: number; email: string | null; disabled: boolean; muted: boolean };

/**
 * The outbox and notification inserts of `messages` as two WITH items (`mail_out`, `mail_note`),
 * for one statement that writes mail together with the change it is about: a statement is its
 * own transaction, so the mail exists exactly when the change does. `onlyIf` is a condition on
 * that statement's other items (a booking that won its seat); once per event and person, by key.
 */
export function outboxWrites(messages: OutboxMessage[], now: Date, onlyIf: SQL): SQL {
  const at = sql`${now.toISOString()}::timestamptz`;
  const rows = sql.join(
    messages.map((m) => sql`(${m.dedupeKey}, ${m.recipientId}::uuid, ${m.kind}, ${m.subject}, ${m.text}, ${m.html}, ${m.ics}, ${m.link})`),
    sql`, `,
  );
  return sql`mail_in (dedupe_key, recipient_id, kind, subject, text, html, ics, link) as (values ${rows}),
    mail_out as (
      insert into outbox (dedupe_key, recipient_id, kind, subject, text, html, ics, created_at, next_attempt_at)
      select dedupe_key, recipient_id, kind, subject, text, html, ics, ${at}, ${at} from mail_in where ${onlyIf}
      on conflict (dedupe_key) do nothing),
    mail_note as (
      insert into notifications (dedupe_key, user_id, kind, text, link, created_at)
      select dedupe_key, recipient_id, kind, subject, link, ${at} from mail_in where ${onlyIf}
      on conflict (dedupe_key) do nothing)`;
}

export function createMailRepository(db: DbOrTx) {
  return {
    /**
     * Written in the caller's transaction: the mail and the portal's notification exist exactly
     * when the change does, once per event and person however often the event is written.
     */
    async enqueue(messages: OutboxMessage[], now: Date) {
      if (messages.length === 0) return;
      await db.execute(sql`with ${outboxWrites(messages, now, sql`true`)} select 1`);
    },

    /**
     * Takes up to `limit` due mails for this worker: one statement, rows another worker holds are
     * skipped (SKIP LOCKED), and the lease keeps them from every other worker until it runs out.
     */
    async claim(now: Date, leaseMs: number, limit: number): Promise<ClaimedMail[]> {
      const result = await db.execute(sql`
        update outbox o set lease_until = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz, attempts = o.attempts + 1
        from users u left join mail_preferences p on p.user_id = u.id
        where u.id = o.recipient_id and o.id in (
          select id from outbox
          where sent_at is null and skipped_at is null and failed_at is null and next_attempt_at <= ${now.toISOString()}::timestamptz
            and (lease_until is null or lease_until < ${now.toISOString()}::timestamptz)
          order by next_attempt_at, id limit ${limit}
          for update skip locked)
        returning o.id, o.dedupe_key as "dedupeKey", o.recipient_id as "recipientId", o.kind, o.subject, o.text, o.html, o.ics,
          o.attempts, u.email, u.disabled_at is not null as disabled,
          (o.kind <> all(${sql.raw(`array[${ALWAYS_SENT.map((k) => `'${k}'`).join(',')}]`)}) and ${KIND_GROUP} = any(coalesce(p.off, '{}'))) as muted`);
      // UPDATE … RETURNING keeps no order: the oldest mail goes first.
      return rowsOf<ClaimedMail>(result)
        .map((r) => ({ ...r, id: Number(r.id) }))
        .sort((a, b) => a.id - b.id);
    },

    /** `scrub` empties the body: a link that opens an account is not kept once it has left. */
    async sent(id: number, at: Date, scrub = false) {
      await db
        .update(outbox)
        .set({ sentAt: at, leaseUntil: null, lastError: null, ...(scrub ? { text: SENT_SECRET, html: SENT_SECRET } : {}) })
        .where(eq(outbox.id, id));
    },

    async skipped(id: number, at: Date, reason: string) {
      await db.update(outbox).set({ skippedAt: at, leaseUntil: null, lastError: reason }).where(eq(outbox.id, id));
    },

    async retryAt(id: number, at: Date, error: string) {
      await db.update(outbox).set({ nextAttemptAt: at, leaseUntil: null, lastError: error }).where(eq(outbox.id, id));
    },

    async failed(id: number, at: Date, error: string) {
      await db.update(outbox).set({ failedAt: at, leaseUntil: null, lastError: error }).where(eq(outbox.id, id));
    },

    /** The dev mailbox: what was sent, newest first, with the address it went to. */
    async sentMails(limit: number, to?: string) {
      return db
        .select({ to: users.email, subject: outbox.subject, text: outbox.text, html: outbox.html, ics: outbox.ics, sentAt: outbox.sentAt, kind: outbox.kind })
        .from(outbox)
        .innerJoin(users, eq(users.id, outbox.recipientId))
        .where(and(isNotNull(outbox.sentAt), to ? eq(users.email, to) : undefined))
        .orderBy(desc(outbox.sentAt), desc(outbox.id))
        .limit(limit);
    },

    /** How many mails wait, and how many were given up: for the administrator. */
    async backlog() {
      const [row] = await db
        .select({
          waiting: sql<number>`count(*) filter (where ${outbox.sentAt} is null and ${outbox.skippedAt} is null and ${outbox.failedAt} is null)::int`,
          failed: sql<number>`count(*) filter (where ${outbox.failedAt} is not null)::int`,
        })
        .from(outbox);
      return row!;
    },

    /** The dead-letter list: mails given up on, newest first, with whom they were for (never their address). */
    async failures(limit: number) {
      return db
        .select({ id: outbox.id, kind: outbox.kind, recipientName: users.name, createdAt: outbox.createdAt, failedAt: outbox.failedAt, attempts: outbox.attempts, lastError: outbox.lastError })
        .from(outbox)
        .innerJoin(users, eq(users.id, outbox.recipientId))
        .where(isNotNull(outbox.failedAt))
        .orderBy(desc(outbox.failedAt), desc(outbox.id))
        .limit(limit);
    },

    /** Puts a given-up mail back in line, as if new. False when there is no such mail on the list. */
    async retryFailed(id: number, now: Date) {
      const rows = await db
        .update(outbox)
        .set({ failedAt: null, attempts: 0, nextAttemptAt: now, leaseUntil: null })
        .where(and(eq(outbox.id, id), isNotNull(outbox.failedAt)))
        .returning({ id: outbox.id });
      return rows.length > 0;
    },

    /** The person's notifications, newest first. */
    async notificationsOf(userId: string, limit: number) {
      return db
        .select({ id: notifications.id, kind: notifications.kind, text: notifications.text, link: notifications.link, createdAt: notifications.createdAt, readAt: notifications.readAt })
        .from(notifications)
        .where(eq(notifications.userId, userId))
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(limit);
    },

    /** Marks one of the person's own notifications read; false when it is not theirs or does not exist. */
    async markRead(userId: string, id: string, at: Date) {
      const rows = await db
        .update(notifications)
        .set({ readAt: sql`coalesce(${notifications.readAt}, ${at.toISOString()}::timestamptz)` })
        .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
        .returning({ id: notifications.id });
      return rows.length > 0;
    },

    async preferencesOf(userId: string): Promise<string[]> {
      const [row] = await db.select({ off: mailPreferences.off }).from(mailPreferences).where(eq(mailPreferences.userId, userId));
      return row?.off ?? [];
    },

    async setPreferences(userId: string, off: string[]) {
      await db.insert(mailPreferences).values({ userId, off }).onConflictDoUpdate({ target: mailPreferences.userId, set: { off } });
    },

    /** Sent and skipped mails are kept a while (the dev mailbox, support questions), then dropped. */
    async prune(before: Date) {
      await db.delete(outbox).where(and(lt(outbox.createdAt, before), isNull(outbox.failedAt), sql`(${outbox.sentAt} is not null or ${outbox.skippedAt} is not null)`));
    },
  };
}

export type MailRepository = ReturnType<typeof createMailRepository>;
