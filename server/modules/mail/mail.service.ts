import { mailKindValues, type DevMail, type MailKind, type MailStatus, type Notification } from '../../contracts/mail.ts';
import type { Actor } from '../../lib/access.ts';
import type { Clock } from '../../lib/clock.ts';
import { errors } from '../../lib/errors.ts';
import type { MailRepository } from './mail.repository.ts';
import type { MailWorker } from './mail.worker.ts';

const DEV_OUTBOX_SIZE = 200;

// Sent mail is kept a month (the dev mailbox, questions about what was sent), then dropped.
const KEEP_SENT_DAYS = 30;

type Deps = {
  repo: Pick<MailRepository, 'sentMails' | 'backlog' | 'prune' | 'failures' | 'retryFailed' | 'notificationsOf' | 'markRead' | 'preferencesOf' | 'setPreferences'>;
  worker: MailWorker;
  clock: Clock;
  demoMode: boolean;
  baseUrl: string;
  /** How mail leaves this installation: an SMTP server, the dev mailbox, or not at all (no SMTP outside demo mode). */
  transport: MailStatus['transport'];
};

const FAILURES_SHOWN = 100;
const NOTIFICATIONS_SHOWN = 50;

export function createMailService({ repo, worker, clock, demoMode, baseUrl, transport }: Deps) {
  return {
    /** Where the links in mails point. */
    baseUrl,
    worker,

    /** The dev mailbox: only in demo mode, and only for the administrator. */
    async devOutbox(_actor: Actor, to?: string): Promise<DevMail[]> {
      if (!demoMode) throw errors.notFound('Det finns ingen sådan adress i API:et.');
      const rows = await repo.sentMails(DEV_OUTBOX_SIZE, to);
      return rows.map((r) => ({
        to: r.to,
        subject: r.subject,
        text: r.text,
        html: r.html,
        sentAt: r.sentAt!.toISOString(),
        attachments: r.ics ? [{ filename: 'inbjudan.ics', contentType: 'text/calendar', content: r.ics }] : [],
      }));
    },

    backlog: () => repo.backlog(),

    async status(_actor: Actor): Promise<MailStatus> {
      const [counts, failures] = [await repo.backlog(), await repo.failures(FAILURES_SHOWN)];
      return {
        transport,
        ...counts,
        failures: failures.map((f) => ({ ...f, createdAt: f.createdAt.toISOString(), failedAt: f.failedAt!.toISOString() })),
      };
    },

    async notifications(actor: Actor): Promise<Notification[]> {
      const rows = await repo.notificationsOf(actor.userId, NOTIFICATIONS_SHOWN);
      return rows.map((n) => ({ ...n, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null }));
    },

    async markRead(actor: Actor, id: string) {
      if (!(await repo.markRead(actor.userId, id, clock.now()))) throw errors.notFound('Aviseringen finns inte.');
    },

    async preferences(actor: Actor): Promise<{ off: MailKind[] }> {
      const off = await repo.preferencesOf(actor.userId);
      return { off: mailKindValues.filter((k) => off.includes(k)) };
    },

    async setPreferences(actor: Actor, off: MailKind[]) {
      await repo.setPreferences(actor.userId, [...new Set(off)]);
      return { off: mailKindValues.filter((k) => off.includes(k)) };
    },

    async retry(_actor: Actor, id: number) {
      if (!(await repo.retryFailed(id, clock.now()))) throw errors.notFound('Det finns inget sådant brev bland dem som inte gick att skicka.');
    },
    prune: () => repo.prune(new Date(clock.now().getTime() - KEEP_SENT_DAYS * 86_400_000)),
  };
}

export type MailService = ReturnType<typeof createMailService>;
