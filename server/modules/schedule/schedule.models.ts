import { addDays, stockholmInstant } from '../../lib/time.ts';

/** The instants a run of whole Stockholm days covers: from the first midnight to the one after the last day. */
export function daySpan(from: string, to: string): { start: Date; end: Date } {
  return { start: stockholmInstant(from, '00:00'), end: stockholmInstant(addDays(to, 1), '00:00') };
}
