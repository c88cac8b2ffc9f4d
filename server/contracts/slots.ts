import { freeText, uuid } from './text.ts';
import { z } from './zod.ts';
import { calendarDate as isoDate, dayWindow, instant } from './dates.ts';
import { daysBetween } from './time.ts';


export const slotKindValues = ['walk_and_talk', 'on_site'] as const;
export const skipReasonValues = ['holiday', 'school_break', 'absence', 'duty', 'busy', 'past'] as const;

export const seriesBody = z
  .object({
    organisationId: uuid,
    /** One host, or a pair walking together. */
    hostIds: z.array(uuid).min(1, { message: 'Välj minst en värd.' }).max(2, { message: 'Högst två går tillsammans.' }),
    /** `on_site`: drop-in hours at the school, no booking (the pilot's half day a week). */
    kind: z.enum(slotKindValues, { message: 'Välj walk-and-talk eller tid på plats.' }).default('walk_and_talk'),
    weekday: z.number({ message: 'Välj en veckodag.' }).int().min(1, { message: 'Veckodagen ska vara 1 (måndag) till 7 (söndag).' }).max(7, { message: 'Veckodagen ska vara 1 (måndag) till 7 (söndag).' }),
    startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Ange starttiden som TT:MM, t.ex. 13:00.' }),
    durationMinutes: z.number({ message: 'Ange längden i minuter.' }).int().min(15, { message: 'En tid är minst 15 minuter.' }).max(480, { message: 'En tid är högst 8 timmar.' }),
    intervalWeeks: z.number({ message: 'Ange hur många veckor det är mellan tiderna.' }).int().min(1, { message: 'Minst varje vecka.' }).max(8, { message: 'Högst var åttonde vecka.' }),
    from: isoDate,
    until: isoDate,
    location: freeText(200),
    capacity: z.number({ message: 'Ange hur många som kan boka.' }).int().min(1, { message: 'Minst en plats.' }).max(30, { message: 'Högst 30 platser.' }).default(1),
  })
  .strict()
  .refine((b) => b.until >= b.from, { message: 'Slutdatumet kan inte vara före startdatumet.', path: ['until'] })
  .refine((b) => daysBetween(b.from, b.until) <= 366, { message: 'En serie kan vara högst ett år lång.', path: ['until'] })
  .refine((b) => new Set(b.hostIds).size === b.hostIds.length, { message: 'Välj två olika värdar.', path: ['hostIds'] });
export type SeriesBody = z.infer<typeof seriesBody>;

export const hostSchema = z.object({ userId: z.string(), name: z.string() });

export const slotSchema = z
  .object({
    id: z.string(),
    organisationId: z.string(),
    organisationName: z.string(),
    kind: z.enum(slotKindValues),
    startsAt: z.string(),
    endsAt: z.string(),
    location: z.string(),
    hosts: z.array(hostSchema),
    capacity: z.number().int(),
    booked: z.number().int(),
    /** Open for booking now: a walk-and-talk in the future with a free seat, not cancelled. */
    bookable: z.boolean(),
    cancelled: z.object({ reason: z.string() }).nullable(),
  })
  .meta({ id: 'Slot' });
export type Slot = z.infer<typeof slotSchema>;

export const skippedSchema = z.object({ date: z.string(), reason: z.enum(skipReasonValues), label: z.string() });

export const seriesPreviewSchema = z
  .object({
    slots: z.array(z.object({ startsAt: z.string(), endsAt: z.string() })),
    skipped: z.array(skippedSchema),
  })
  .meta({ id: 'SeriesPreview' });
export type SeriesPreview = z.infer<typeof seriesPreviewSchema>;

export const seriesCreatedSchema = z
  .object({ id: z.string(), slots: z.array(slotSchema), skipped: z.array(skippedSchema) })
  .meta({ id: 'SeriesCreated' });

export const slotsQuery = z
  .object({ organisationId: uuid, from: instant.optional(), to: instant.optional() })
  .strict();

export const slotParams = z.object({ id: uuid });
export const cancelSlotBody = z.object({ reason: freeText(300) }).strict();

/** A series the person published or hosts, with what is left of it. */
export const seriesSummarySchema = z
  .object({
    id: z.string(),
    organisationId: z.string(),
    organisationName: z.string(),
    kind: z.enum(['walk_and_talk', 'on_site']),
    weekday: z.number().int(),
    startTime: z.string(),
    durationMinutes: z.number().int(),
    intervalWeeks: z.number().int(),
    startsOn: z.string(),
    endsOn: z.string(),
    location: z.string(),
    /** Times still to come (not cancelled), and how many of those are booked. */
    upcoming: z.number().int(),
    booked: z.number().int(),
  })
  .meta({ id: 'SeriesSummary' });
export type SeriesSummary = z.infer<typeof seriesSummarySchema>;
export const seriesStoppedSchema = z.object({ cancelled: z.number().int(), bookingsCancelled: z.number().int() }).meta({ id: 'SeriesStopped' });
export const moveSlotBody = z.object({ startsAt: instant }).strict();

/** Everything a host sees of one of their slots: the bookings, topics and notes included. */
export const hostedSlotSchema = slotSchema
  .extend({
    bookings: z.array(
      z.object({
        id: z.string(),
        bookerName: z.string(),
        topic: z.string(),
        note: z.string().nullable(),
        status: z.string(),
      }),
    ),
  })
  .meta({ id: 'HostedSlot' });
export type HostedSlot = z.infer<typeof hostedSlotSchema>;
/** Whole Stockholm days, both included (default: today and six days on). */
export const hostedQuery = dayWindow();
