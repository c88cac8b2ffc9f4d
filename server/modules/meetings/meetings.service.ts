import type { Clock } from '../../lib/clock.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import type { MeetingsRepository } from './meetings.repository.ts';
import { createMeetingAccess } from './meetings.access.ts';
import { createMeetingOutcome } from './meetings.outcome.ts';
import { createMeetingRequests } from './meetings.requests.ts';
import { createMeetingScheduling } from './meetings.scheduling.ts';

export type MeetingsDeps = {
  repo: MeetingsRepository;
  transaction: <T>(work: (repo: MeetingsRepository) => Promise<T>) => Promise<T>;
  organisations: Pick<OrganisationsService, 'requireVisible'>;
  clock: Clock;
};

/** The meetings use cases, by concern: requests and the queue, scheduling, and the outcome. */
export function createMeetingsService(deps: MeetingsDeps) {
  const access = createMeetingAccess(deps);
  const requests = createMeetingRequests(deps, access);
  return {
    ...requests,
    ...createMeetingScheduling(deps, access, requests.get),
    ...createMeetingOutcome(deps, access),
  };
}

export type MeetingsService = ReturnType<typeof createMeetingsService>;
