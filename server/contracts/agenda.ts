import { dayWindow } from './dates.ts';
import { z } from './zod.ts';

export const agendaKindValues = ['walk_and_talk', 'booking', 'meeting', 'duty', 'absence', 'on_site', 'check_in'] as const;

/** One thing in a person's own days, with a generic title: a calendar is read by more people than its owner. */
export const agendaItemSchema = z
  .object({
    kind: z.enum(agendaKindValues),
    startsAt: z.string(),
    endsAt: z.string(),
    title: z.string(),
    /** Where, when it has a place: the meeting place or the walk-and-talk's meeting point and school. */
    location: z.string().nullable(),
    link: z.string(),
  })
  .meta({ id: 'AgendaItem' });
export type AgendaItem = z.infer<typeof agendaItemSchema>;

/** At most 92 days: `to` is at most 91 days after `from` (both included). */
export const agendaQuery = dayWindow(91, 'Välj högst 92 dagar åt gången.');

export const calendarFeedSchema = z.object({ url: z.string() }).meta({ id: 'CalendarFeed' });
export const calendarFeedParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}\.ics$/, { message: 'Okänd kalender.' }) });
