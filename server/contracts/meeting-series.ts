import { placeValues } from './meetings.ts';
import { skippedSchema } from './slots.ts';
import { freeText, uuid } from './text.ts';
import { z } from './zod.ts';
import { calendarDate as isoDate } from './dates.ts';
import { daysBetween } from './time.ts';

export const seriesMeetingTypeValues = ['police_collaboration', 'staff_visit'] as const;

export const meetingSeriesBody = z
  .object({
    type: z.enum(seriesMeetingTypeValues, { message: 'Välj samverkansmöte med polisen eller APT-besök.' }),
    organisationId: uuid,
    /** The name or theme: "Samverkan Västerort", "Varningssignaler". */
    label: freeText(80),
    /** Staff visits: the whole staff or one arbetslag. */
    audience: freeText(80).optional(),
    place: z.enum(placeValues, { message: 'Välj var mötena ska vara.' }).default('school'),
    weekday: z.number({ message: 'Välj en veckodag.' }).int().min(1, { message: 'Välj måndag till fredag.' }).max(5, { message: 'Välj måndag till fredag.' }),
    startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Ange starttiden som TT:MM, t.ex. 09:00.' }),
    durationMinutes: z.number({ message: 'Ange längden i minuter.' }).int().min(15, { message: 'Ett möte är minst 15 minuter.' }).max(480, { message: 'Ett möte är högst 8 timmar.' }),
    intervalWeeks: z.number({ message: 'Ange hur många veckor det är mellan mötena.' }).int().min(1, { message: 'Minst varje vecka.' }).max(12, { message: 'Högst var tolfte vecka.' }),
    from: isoDate,
    until: isoDate,
    socialWorkerIds: z.array(uuid).min(1, { message: 'Välj minst en socialsekreterare.' }).max(3, { message: 'Välj högst tre socialsekreterare.' }),
  })
  .strict()
  .refine((b) => b.until >= b.from, { message: 'Slutdatumet kan inte vara före startdatumet.', path: ['until'] })
  .refine((b) => daysBetween(b.from, b.until) <= 366, { message: 'En serie kan vara högst ett år lång.', path: ['until'] })
  .refine((b) => new Set(b.socialWorkerIds).size === b.socialWorkerIds.length, { message: 'Välj olika socialsekreterare.', path: ['socialWorkerIds'] })
  .refine((b) => b.type === 'staff_visit' || !b.audience, { message: 'Målgrupp anges bara för APT-besök.', path: ['audience'] });
export type MeetingSeriesBody = z.infer<typeof meetingSeriesBody>;

const timeSchema = z.object({ startsAt: z.string(), endsAt: z.string() });

export const meetingSeriesPreviewSchema = z.object({ meetings: z.array(timeSchema), skipped: z.array(skippedSchema) }).meta({ id: 'MeetingSeriesPreview' });

export const meetingSeriesSchema = z
  .object({
    id: z.string(),
    type: z.enum(seriesMeetingTypeValues),
    organisationId: z.string(),
    organisationName: z.string(),
    label: z.string(),
    audience: z.string().nullable(),
    weekday: z.number(),
    startTime: z.string(),
    durationMinutes: z.number(),
    intervalWeeks: z.number(),
    from: z.string(),
    until: z.string(),
    cancelled: z.boolean(),
    socialWorkers: z.array(z.object({ userId: z.string(), name: z.string() })),
    /** The series' meetings still to come. */
    upcoming: z.array(timeSchema.extend({ id: z.string() })),
  })
  .meta({ id: 'MeetingSeries' });
export type MeetingSeries = z.infer<typeof meetingSeriesSchema>;

export const meetingSeriesCreatedSchema = z.object({ id: z.string(), meetings: z.array(timeSchema.extend({ id: z.string() })), skipped: z.array(skippedSchema) }).meta({ id: 'MeetingSeriesCreated' });
export const cancelSeriesBody = z.object({ reason: freeText(300) }).strict();
