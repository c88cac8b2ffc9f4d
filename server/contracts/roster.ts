import { z } from './zod.ts';
import { calendarDate as isoDate, calendarMonth } from './dates.ts';


export const teamParams = z.object({ teamId: z.uuid({ message: 'Ogiltigt id för teamet.' }) });
export const rosterDayParams = teamParams.extend({ date: isoDate });
export const rosterQuery = z.object({ month: calendarMonth.optional() }).strict();

export const rosterDaySchema = z.object({
  date: z.string(),
  /** Null on a working day; otherwise why the office is closed (lördag, julafton, …). */
  closedReason: z.string().nullable(),
  holder: z.object({ userId: z.string(), name: z.string(), absent: z.boolean() }).nullable(),
  /** A working day from today on with no holder, or a holder who is away: for the team lead to fix. */
  gap: z.boolean(),
});

export const rosterSchema = z
  .object({
    teamId: z.string(),
    month: z.string(),
    days: z.array(rosterDaySchema),
    /** Gaps in the coming 31 days, whatever month is shown. */
    upcomingGaps: z.array(z.string()),
    workers: z.array(z.object({ userId: z.string(), name: z.string() })),
  })
  .meta({ id: 'Roster' });
export type Roster = z.infer<typeof rosterSchema>;

export const setHolderBody = z.object({ userId: z.uuid({ message: 'Välj en person.' }) }).strict();
export const swapBody = z
  .object({ first: isoDate, second: isoDate })
  .strict()
  .refine((b) => b.first !== b.second, { message: 'Välj två olika dagar.', path: ['second'] });
