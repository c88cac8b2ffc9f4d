import type { Clock } from '../../lib/clock.ts';
import type { AuditTrail } from '../audit/audit.service.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import type { MeetingsRepository } from './meetings.repository.ts';
import { createMeetingAccess } from './meetings.access.ts';
import { createMeetingMail } from './meetings.mail.ts';
import { createMeetingOutcome } from './meetings.outcome.ts';
import { createMeetingRequests } from './meetings.requests.ts';
import { createMeetingScheduling } from './meetings.scheduling.ts';

export type MeetingsDeps = {
  repo: MeetingsRepository;
  transaction: <T>(work: (repo: MeetingsRepository) => Promise<T>) => Promise<T>;
  organisations: Pick<OrganisationsService, 'requireVisible' | 'requireOpen'>;
  clock: Clock;
  /** Appends the rows of audited reads after they committed. */
  auditTrail: Pick<AuditTrail, 'read'>;
  /** Where the links in mails point. */
  mailBaseUrl: string;
};

/** The meetings use cases, by concern: requests and the queue, scheduling, and the outcome. */
export function createMeetingsService(deps: MeetingsDeps) {
  const access = createMeetingAccess(deps);
  const mail = createMeetingMail(deps);
  const requests = createMeetingRequests(deps, access, mail);
  return {
    ...requests,
    ...createMeetingScheduling(deps, access, mail, requests.get),
    ...createMeetingOutcome(deps, access),
    /** The checks the mail worker runs: reminders the day before, and urgent requests still waiting. */
    mailJobs: [
      { name: 'meeting-reminders', run: (now: Date) => mail.reminders(deps.repo, now) },
      { name: 'urgent-still-unscheduled', run: (now: Date) => mail.stillUnscheduled(deps.repo, now) },
    ],
  };
}

export type MeetingsService = ReturnType<typeof createMeetingsService>;
