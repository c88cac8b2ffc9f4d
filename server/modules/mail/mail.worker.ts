import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../lib/clock.ts';
import { sqlState } from '../../lib/errors.ts';
import pLimit from 'p-limit';
import { SECRET_KINDS, type ClaimedMail, type MailRepository } from './mail.repository.ts';
import { smtpFailure, type MailTransport } from './mail.transport.ts';

type Deps = {
  repo: MailRepository;
  transport: MailTransport;
  clock: Clock;
  log: () => FastifyBaseLogger;
  batch?: number;
  leaseMs?: number;
  maxAttempts?: number;
};

// 30 s, 1, 2, 4 … minutes, at most an hour apart: an SMTP server down for an afternoon is
// waited out; after the last attempt (about a day) the mail is on the dead-letter list.
export const retryDelayMs = (attempts: number) => Math.min(30_000 * 2 ** (attempts - 1), 3_600_000);
export const MAX_ATTEMPTS = 30;

/**
 * Sends what the outbox holds. Every copy of the app may run one: rows are claimed with a lease
 * and SKIP LOCKED, so no two workers send the same row at once. A worker that dies after the
 * SMTP server accepted a mail and before marking it sent leaves the row leased; when the lease
 * runs out another worker sends it again: at most one duplicate, only on a crash at that moment.
 */
/**
 * A check that writes mail when its time comes (a reminder the day before, a consent about to
 * end). Every copy runs every job: each mail's key is unique, so a job run twice, by two copies
 * or after a restart, writes each mail once.
 */
export type MailJob = { name: string; run: (now: Date) => Promise<void> };

// Jobs look at the clock once a minute: reminders go out within a minute of their time.
const JOB_INTERVAL_MS = 60_000;

export function createMailWorker({ repo, transport, clock, log, batch = 50, leaseMs = 120_000, maxAttempts = MAX_ATTEMPTS }: Deps) {
  // As many people at once as the SMTP pool has connections (nodemailer's default is 5).
  const parallel = pLimit(5);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let jobsRanAt = 0;
  const jobs: MailJob[] = [];

  /** Runs every job once; one failing does not keep the others (or the sending) from running. */
  async function runJobs() {
    const now = clock.now();
    for (const job of jobs) {
      try {
        await job.run(now);
      } catch (err) {
        log().error({ job: job.name, code: sqlState(err).code }, 'ett schemalagt utskick misslyckades');
      }
    }
  }

  /** Sends one mail; false when the SMTP server refused or could not be reached. */
  async function sendOne(mail: ClaimedMail): Promise<boolean> {
    if (mail.muted) {
      await repo.skipped(mail.id, clock.now(), 'mottagaren har stängt av den sortens e-post');
      return true;
    }
    if (mail.disabled || !mail.email) {
      // Logged by row and kind, never the address.
      log().warn({ outboxId: mail.id, kind: mail.kind }, 'e-post hoppas över: mottagaren är avstängd eller saknar adress');
      await repo.skipped(mail.id, clock.now(), mail.disabled ? 'mottagaren är avstängd' : 'mottagaren saknar adress');
      return true;
    }
    try {
      await transport.send({ to: mail.email, subject: mail.subject, text: mail.text, html: mail.html, ics: mail.ics });
      // The dev mailbox is where a demo reads its links: only mail that really left is emptied.
      await repo.sent(mail.id, clock.now(), transport.name !== 'dev' && SECRET_KINDS.has(mail.kind));
      return true;
    } catch (err) {
      await retryLater(mail, smtpFailure(err));
      return false;
    }
  }

  async function retryLater(mail: ClaimedMail, why: string) {
    const now = clock.now();
    if (mail.attempts >= maxAttempts) {
      log().error({ outboxId: mail.id, kind: mail.kind, why }, 'e-post gick inte att skicka och ges upp');
      await repo.failed(mail.id, now, why);
    } else {
      log().warn({ outboxId: mail.id, kind: mail.kind, why, attempts: mail.attempts }, 'e-post gick inte att skicka, försöker igen');
      await repo.retryAt(mail.id, new Date(now.getTime() + retryDelayMs(mail.attempts)), why);
    }
  }

  /**
   * Sends a claimed batch: several people at once (over the SMTP pool's connections), each
   * person's mails in order, so nobody gets "Flyttad" before "Bokad". When one of a person's
   * mails cannot go, the ones after it wait with it.
   */
  async function sendBatch(): Promise<number> {
    const mails = await repo.claim(clock.now(), leaseMs, batch);
    const people = [...Map.groupBy(mails, (m) => m.recipientId).values()];
    await Promise.all(
      people.map((own) =>
        parallel(async () => {
          for (const [i, mail] of own.entries()) {
            if (await sendOne(mail)) continue;
            for (const later of own.slice(i + 1)) await retryLater(later, 'väntar på ett tidigare brev till samma person');
            return;
          }
        }),
      ),
    );
    return mails.length;
  }

  /** One batch, never two at once in this copy. */
  function runOnce(): Promise<number> {
    running ??= sendBatch().finally(() => (running = undefined));
    return running;
  }

  /** Stops looking at the outbox (a batch under way finishes). */
  async function stop() {
    if (timer) clearInterval(timer);
    timer = undefined;
    await running;
  }

  async function tick() {
    if (Date.now() - jobsRanAt >= JOB_INTERVAL_MS) {
      jobsRanAt = Date.now();
      await runJobs();
    }
    // Batch after batch until the outbox has nothing due: a burst waits for no later tick.
    while ((await runOnce()) === batch);
  }

  return {
    runOnce,
    runJobs,
    /** Modules add their jobs when the app is built. */
    addJob: (job: MailJob) => void jobs.push(job),
    /** Sends until nothing is due (tests, and shutdown). */
    async drain() {
      while ((await runOnce()) > 0);
    },
    start(intervalMs: number) {
      timer ??= setInterval(() => {
        // The code only: a database error's message quotes its statement.
        tick().catch((err: unknown) => log().error({ code: sqlState(err).code }, 'e-postutskicket misslyckades'));
      }, intervalMs);
      timer.unref();
    },
    stop,
    /** Stops, and closes the SMTP connections: when the app closes. */
    async close() {
      await stop();
      transport.close();
    },
    transport: transport.name,
  };
}

export type MailWorker = ReturnType<typeof createMailWorker>;
