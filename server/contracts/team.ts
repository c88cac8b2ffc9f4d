import { freeText } from './text.ts';
import { z } from './zod.ts';
import { calendarDate as isoDate } from './dates.ts';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Ange tiden som TT:MM, till exempel 08:00.' });
export const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 -]{5,18}[0-9]$/, { message: 'Skriv telefonnumret med siffror, till exempel 08-123 45 67.' });

const periodRefine = <T extends { startsOn: string; endsOn?: string | null }>(b: T) => !b.endsOn || b.endsOn >= b.startsOn;
const periodMessage = { message: 'Slutdatumet kan inte vara före startdatumet.', path: ['endsOn'] };

// Absences and profile: a social worker's own.
export const absenceBody = z
  .object({ startsOn: isoDate, endsOn: isoDate, reason: freeText(200).optional() })
  .strict()
  .refine(periodRefine, periodMessage);
export const absenceSchema = z.object({ id: z.string(), startsOn: z.string(), endsOn: z.string(), reason: z.string().nullable() });
/** A new absence, and the duty days it covers (the person tells the team lead). */
export const absenceAddedSchema = z.object({ id: z.string(), dutyDays: z.array(z.string()) });
export const idParams = z.object({ id: z.uuid({ message: 'Ogiltigt id.' }) });

export const profileBody = z.object({ title: freeText(80).optional(), phone: phone.optional() }).strict();
export const profileSchema = z.object({ name: z.string(), email: z.string(), title: z.string().nullable(), phone: z.string().nullable(), photoUrl: z.string().nullable() });

// Contact assignments: the team lead's.
export const assignmentBody = z
  .object({
    organisationId: z.uuid({ message: 'Välj en verksamhet.' }),
    sectionId: z.uuid({ message: 'Välj ett stadium eller en avdelning.' }).nullable().optional(),
    userId: z.uuid({ message: 'Välj en person.' }),
    startsOn: isoDate,
    endsOn: isoDate.nullable().optional(),
  })
  .strict()
  .refine(periodRefine, periodMessage);
export const endAssignmentBody = z.object({ endsOn: isoDate }).strict();

export const assignmentSchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  sectionId: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  active: z.boolean(),
});
export const coverageSchema = z
  .array(
    z.object({
      organisationId: z.string(),
      name: z.string(),
      kind: z.string(),
      parentId: z.string().nullable(),
      sections: z.array(z.object({ id: z.string(), name: z.string(), covered: z.boolean() })),
      covered: z.boolean(),
      assignments: z.array(assignmentSchema),
    }),
  )
  .meta({ id: 'Coverage' });
export type Coverage = z.infer<typeof coverageSchema>;

// Team settings.
export const teamSettingsBody = z
  // The reminder time is left as it was when not sent (15:00 for a new team).
  .object({ officeOpens: hhmm, officeCloses: hhmm, dutyPhone: phone, afterHoursName: freeText(60), afterHoursPhone: phone, reminderTime: hhmm.optional() })
  .strict()
  .refine((b) => b.officeOpens < b.officeCloses, { message: 'Kontoret måste stänga efter att det öppnar.', path: ['officeCloses'] });
export const teamSettingsSchema = z.object({
  officeOpens: z.string(),
  officeCloses: z.string(),
  dutyPhone: z.string(),
  afterHoursName: z.string(),
  afterHoursPhone: z.string(),
  /** When, the day before, reminders of the team's walk-and-talks and meetings go out (HH:MM). */
  reminderTime: z.string(),
});

// Extra closed days: the administrator's.
export const closedDayBody = z.object({ day: isoDate, name: freeText(80) }).strict();
export const closedDaySchema = z.object({ day: z.string(), name: z.string() });
export const closedDayParams = z.object({ day: isoDate });

/** Someone the team lead may name as contact; `unitName` when they belong to another unit of social services. */
export const contactCandidateSchema = z.object({ userId: z.string(), name: z.string(), unitName: z.string().nullable() }).meta({ id: 'ContactCandidate' });
