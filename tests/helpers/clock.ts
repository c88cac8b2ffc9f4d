import type { Clock } from '../../server/lib/clock.ts';
import { stockholmDate } from '../../server/contracts/time.ts';

/**
 * The tests' now. `TEST_NOW` (an ISO instant) puts it anywhere in the calendar: CI runs the suites
 * that derive dates from it under a Friday afternoon, a Sunday evening, both DST Sundays, New
 * Year's Eve and midsommar (`npm run test:clocks`), so a test that holds only on weekdays fails
 * on any day. Time still moves from there, so sessions and timeouts behave as they would.
 */
const pinned = process.env.TEST_NOW;
if (pinned !== undefined && Number.isNaN(Date.parse(pinned))) throw new Error(`TEST_NOW är ingen tidpunkt: ${pinned}`);
const offset = pinned === undefined ? 0 : Date.parse(pinned) - Date.now();

export const testClock: Clock = { now: () => new Date(Date.now() + offset) };

/** Today's Stockholm date on the tests' clock. */
export const testToday = () => stockholmDate(testClock.now());

