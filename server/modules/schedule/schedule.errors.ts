import { formatDay, formatTime } from '../../contracts/time.ts';
import { AppError } from '../../lib/errors.ts';
import type { CommitmentKind } from './schedule.repository.ts';

const what: Record<CommitmentKind, string> = { walk_and_talk: 'en walk-and-talk', meeting: 'ett möte' };

export const scheduleErrors = {
  /** A day-long commitment (absence, duty) would fall on a walk-and-talk or meeting the person has. */
  busy: (name: string, c: { kind: CommitmentKind; startsAt: Date }, instead: string) =>
    new AppError(
      'schedule_conflict',
      `${name} har ${what[c.kind]} ${formatDay(c.startsAt)} kl. ${formatTime(c.startsAt)} och kan inte ${instead}. Ställ in eller flytta tiden först.`,
    ),
};
