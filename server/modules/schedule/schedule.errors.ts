import { formatDay, formatTime } from '../../contracts/format.ts';
import { AppError } from '../../lib/errors.ts';

export const scheduleErrors = {
  /** A day-long commitment (absence, duty) would fall on a walk-and-talk the person hosts. */
  hosting: (name: string, at: Date, what: string) =>
    new AppError(
      'schedule_conflict',
      `${name} har en walk-and-talk ${formatDay(at)} kl. ${formatTime(at)} och kan inte ${what}. Ställ in eller flytta tiden först.`,
    ),
};
