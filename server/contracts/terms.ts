import { freeText, uuid } from './text.ts';
import { z } from './zod.ts';
import { calendarDate as isoDate } from './dates.ts';
import { daysBetween } from './time.ts';

export const periodKindValues = ['term', 'break'] as const;

export const periodBody = z
  .object({
    kind: z.enum(periodKindValues, { message: 'Välj termin eller lov.' }),
    name: freeText(80),
    startsOn: isoDate,
    endsOn: isoDate,
    /** Terms only: the unit's pedagogues are expected to book a walk-and-talk during the term. */
    bookingRequired: z.boolean().default(false),
  })
  .strict()
  .refine((b) => b.endsOn >= b.startsOn, { message: 'Slutdatumet kan inte vara före startdatumet.', path: ['endsOn'] })
  .refine((b) => daysBetween(b.startsOn, b.endsOn) <= 366, { message: 'En termin eller ett lov är högst ett år.', path: ['endsOn'] })
  .refine((b) => b.kind === 'term' || !b.bookingRequired, { message: 'Bokningsplikt gäller terminer, inte lov.', path: ['bookingRequired'] });
export type PeriodBody = z.infer<typeof periodBody>;

export const bookingRequiredBody = z.object({ bookingRequired: z.boolean({ message: 'Ange om bokning är obligatorisk.' }) }).strict();

export const periodSchema = z
  .object({
    id: z.string(),
    organisationId: z.string(),
    organisationName: z.string(),
    kind: z.enum(periodKindValues),
    name: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    bookingRequired: z.boolean(),
    /** Set on the organisation's unit and so shared by its preschools. */
    inherited: z.boolean(),
  })
  .meta({ id: 'SchoolPeriod' });

export const coverageSchema = z
  .object({
    periodId: z.string(),
    name: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    bookingRequired: z.boolean(),
    /** One group per preschool of a unit, or per section of a school. */
    groups: z.array(
      z.object({
        name: z.string(),
        pedagogues: z.array(z.object({ userId: z.string(), name: z.string(), booked: z.boolean(), remindedAt: z.string().nullable() })),
      }),
    ),
  })
  .meta({ id: 'BookingCoverage' });

export const remindBody = z.object({ userIds: z.array(uuid).max(500).optional() }).strict();
export const remindedSchema = z.object({ sent: z.number(), alreadyReminded: z.number() });

export const reminderSchema = z
  .object({ id: z.string(), periodName: z.string(), endsOn: z.string(), organisationName: z.string(), sentByName: z.string().nullable(), sentAt: z.string() })
  .meta({ id: 'BookingReminder' });
