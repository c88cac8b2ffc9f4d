import { freeText, uuid } from './text.ts';
import { z } from './zod.ts';
import { dayWindow, instant } from './dates.ts';

const HOUR = 3_600_000;

export const meetingTypeValues = ['report_meeting', 'application_meeting', 'mapping_meeting', 'follow_up', 'police_collaboration', 'staff_visit'] as const;
export type MeetingType = (typeof meetingTypeValues)[number];
export const meetingStatusValues = ['requested', 'scheduled', 'held', 'not_held', 'cancelled'] as const;
export type MeetingStatus = (typeof meetingStatusValues)[number];
export const ageBandValues = ['0-2', '3-5', '6-9', '10-12', '13-15', '16-17'] as const;
export const placeValues = ['school', 'office', 'digital'] as const;
export const urgencyValues = ['normal', 'urgent'] as const;

/** Meetings about one family: their reads and writes go in the audit log. */
export const familyMeetingTypes: readonly MeetingType[] = ['report_meeting', 'application_meeting', 'mapping_meeting', 'follow_up'];

const period = z
  .object({ startsAt: instant, endsAt: instant })
  .strict()
  .refine((p) => Date.parse(p.endsAt) > Date.parse(p.startsAt), { message: 'Sluttiden måste vara efter starttiden.', path: ['endsAt'] })
  .refine((p) => Date.parse(p.endsAt) - Date.parse(p.startsAt) <= 8 * HOUR, { message: 'Ett möte är högst 8 timmar.', path: ['endsAt'] });

export const meetingBody = z
  .object({
    type: z.enum(meetingTypeValues, { message: 'Välj vilken sorts möte.' }),
    organisationId: uuid,
    /** Pseudonymous: initials or a word the school chooses, never a name or personnummer. */
    label: freeText(80),
    ageBand: z.enum(ageBandValues, { message: 'Välj en åldersgrupp.' }).optional(),
    urgency: z.enum(urgencyValues, { message: 'Välj hur brådskande det är.' }).default('normal'),
    /** Asked only for a meeting about a family; a police collaboration or staff visit has no guardians. */
    guardiansInformed: z.boolean({ message: 'Ange om vårdnadshavarna vet om mötet.' }).optional(),
    guardiansAttending: z.boolean({ message: 'Ange om vårdnadshavarna kommer.' }).optional(),
    place: z.enum(placeValues, { message: 'Välj var mötet ska vara.' }).default('school'),
    proposedTimes: z.array(period).min(1, { message: 'Föreslå minst en tid.' }).max(5, { message: 'Föreslå högst fem tider.' }),
  })
  .strict()
  .refine((b) => !familyMeetingTypes.includes(b.type) || b.guardiansInformed !== undefined, { message: 'Ange om vårdnadshavarna vet om mötet.', path: ['guardiansInformed'] });
export type MeetingBody = z.infer<typeof meetingBody>;

export const meetingCreatedSchema = z.object({ id: z.string(), status: z.enum(meetingStatusValues) }).meta({ id: 'MeetingCreated' });

const person = z.object({ userId: z.string(), name: z.string() });

export const meetingSchema = z
  .object({
    id: z.string(),
    type: z.enum(meetingTypeValues),
    status: z.enum(meetingStatusValues),
    organisationId: z.string(),
    organisationName: z.string(),
    label: z.string(),
    ageBand: z.enum(ageBandValues).nullable(),
    urgency: z.enum(urgencyValues),
    guardiansInformed: z.boolean(),
    guardiansAttending: z.boolean().nullable(),
    place: z.enum(placeValues),
    proposedTimes: z.array(z.object({ startsAt: z.string(), endsAt: z.string() })),
    startsAt: z.string().nullable(),
    endsAt: z.string().nullable(),
    socialWorkers: z.array(person),
    requestedBy: person.nullable(),
    requestedAt: z.string(),
    /** Why it was last moved or cancelled. */
    changeReason: z.string().nullable(),
    caseId: z.string().nullable(),
    /** The recurring series the meeting belongs to, if any. */
    seriesId: z.string().nullable(),
    /** Staff visits: the whole staff or one arbetslag. */
    audience: z.string().nullable(),
    /** Only for the assigned workers and the team lead. */
    outcome: z.object({ reportFiled: z.boolean().nullable(), notes: z.string().nullable() }).nullable(),
    /** What the caller may do now. */
    can: z.object({ schedule: z.boolean(), reschedule: z.boolean(), cancel: z.boolean(), recordOutcome: z.boolean(), invite: z.boolean() }),
  })
  .meta({ id: 'Meeting' });
export type Meeting = z.infer<typeof meetingSchema>;

export const meetingParams = z.object({ id: uuid });
export const meetingsQuery = dayWindow();

export const scheduleBody = z
  .object({
    startsAt: instant,
    endsAt: instant,
    socialWorkerIds: z.array(uuid).min(1, { message: 'Välj minst en socialsekreterare.' }).max(3, { message: 'Välj högst tre socialsekreterare.' }),
    /** An anmälningsmöte with one social worker: the team lead's reason (brådskande, ingen annan ledig). */
    reason: freeText(300).optional(),
  })
  .strict()
  .refine((b) => Date.parse(b.endsAt) > Date.parse(b.startsAt), { message: 'Sluttiden måste vara efter starttiden.', path: ['endsAt'] })
  .refine((b) => Date.parse(b.endsAt) - Date.parse(b.startsAt) <= 8 * HOUR, { message: 'Ett möte är högst 8 timmar.', path: ['endsAt'] })
  .refine((b) => new Set(b.socialWorkerIds).size === b.socialWorkerIds.length, { message: 'Välj olika socialsekreterare.', path: ['socialWorkerIds'] });

export const rescheduleBody = z
  .object({ startsAt: instant, endsAt: instant, reason: freeText(300) })
  .strict()
  .refine((b) => Date.parse(b.endsAt) > Date.parse(b.startsAt), { message: 'Sluttiden måste vara efter starttiden.', path: ['endsAt'] })
  .refine((b) => Date.parse(b.endsAt) - Date.parse(b.startsAt) <= 8 * HOUR, { message: 'Ett möte är högst 8 timmar.', path: ['endsAt'] });

export const cancelMeetingBody = z.object({ reason: freeText(300) }).strict();

export const outcomeBody = z
  .object({
    held: z.boolean({ message: 'Ange om mötet blev av.' }),
    reportFiled: z.boolean({ message: 'Ange om en orosanmälan gjordes.' }).optional(),
    /** An ansöknings- or kartläggningsmöte that leads to a case: the family wants the team's support. */
    openCase: z.boolean({ message: 'Ange om ett ärende ska öppnas.' }).optional(),
    notes: freeText(2000, 0).optional(),
  })
  .strict();

/** Meetings whose outcome may open a case: the social workers in them met the family. */
export const caseOpeningMeetingTypes: readonly MeetingType[] = ['application_meeting', 'mapping_meeting'];
export const outcomeSchema = z.object({ status: z.enum(meetingStatusValues), caseId: z.string().optional() }).meta({ id: 'MeetingOutcome' });

/** Free or busy for each of the team's social workers at each proposed time: no family details. */
export const freeBusySchema = z
  .array(
    z.object({
      userId: z.string(),
      name: z.string(),
      times: z.array(z.object({ startsAt: z.string(), endsAt: z.string(), free: z.boolean(), reason: z.string().nullable() })),
    }),
  )
  .meta({ id: 'FreeBusy' });
export type FreeBusy = z.infer<typeof freeBusySchema>;
