import { caseEventKinds, caseEventSchema, workerPeriodSchema } from './case-path.ts';
import { meetingStatusValues, meetingTypeValues } from './meetings.ts';
import { freeText, uuid } from './text.ts';
import { z } from './zod.ts';

export const caseBody = z
  .object({
    label: freeText(80),
    organisationIds: z.array(uuid).min(1, { message: 'Välj minst en verksamhet.' }).max(10, { message: 'Högst tio verksamheter.' }),
    workerIds: z.array(uuid).min(1, { message: 'Välj minst en socialsekreterare.' }).max(5, { message: 'Högst fem socialsekreterare.' }),
    /** Defaults to the first of workerIds. */
    responsibleId: uuid.optional(),
    /** The social workers who met the family (the continuity rule); defaults to workerIds. */
    metFamilyIds: z.array(uuid).max(5, { message: 'Högst fem socialsekreterare.' }).optional(),
  })
  .strict()
  .refine((b) => new Set(b.workerIds).size === b.workerIds.length, { message: 'Välj olika socialsekreterare.', path: ['workerIds'] })
  .refine((b) => !b.responsibleId || b.workerIds.includes(b.responsibleId), { message: 'Den ansvariga måste vara en av socialsekreterarna.', path: ['responsibleId'] });

export const workersBody = z
  .object({
    responsibleId: uuid,
    coWorkerIds: z.array(uuid).max(4, { message: 'Högst fyra medarbetare utöver den ansvariga.' }).default([]),
    reason: freeText(500, 0).optional(),
  })
  .strict()
  .refine((b) => !b.coWorkerIds.includes(b.responsibleId), { message: 'Den ansvariga står redan med.', path: ['coWorkerIds'] })
  .refine((b) => new Set(b.coWorkerIds).size === b.coWorkerIds.length, { message: 'Välj olika medarbetare.', path: ['coWorkerIds'] });

const person = z.object({ userId: z.string(), name: z.string() });

export const caseChangeSchema = z.object({
  at: z.string(),
  byName: z.string().nullable(),
  before: z.array(person),
  after: z.array(person),
  reason: z.string().nullable(),
  continuityOverridden: z.boolean(),
});

export const caseSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    teamId: z.string(),
    createdAt: z.string(),
    organisations: z.array(z.object({ id: z.string(), name: z.string(), reporter: z.boolean() })),
    responsible: person,
    workers: z.array(person.extend({ responsible: z.boolean() })),
    /** The social workers who met the family: at the case's anmälningsmöte, or as the case names them (the continuity rule). */
    metFamily: z.array(person),
    meetings: z.array(z.object({ id: z.string(), type: z.enum(meetingTypeValues), status: z.enum(meetingStatusValues), startsAt: z.string().nullable() })),
    changes: z.array(caseChangeSchema),
    /** The case's path so far, in the order it happened. */
    events: z.array(caseEventSchema),
    /** The steps that may be recorded next. */
    nextSteps: z.array(z.enum(caseEventKinds)),
    /** Who worked with the family, over time (Stockholm dates; until null: still on the case). */
    workerHistory: z.array(workerPeriodSchema),
    can: z.object({ changeWorkers: z.boolean(), recordSteps: z.boolean(), readAudit: z.boolean() }),
  })
  .meta({ id: 'Case' });
export type Case = z.infer<typeof caseSchema>;

export const caseSummarySchema = z
  .object({ id: z.string(), label: z.string(), responsibleName: z.string(), organisationNames: z.array(z.string()), createdAt: z.string() })
  .meta({ id: 'CaseSummary' });
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const overrideSchema = z
  .object({ caseId: z.string(), label: z.string(), at: z.string(), byName: z.string().nullable(), reason: z.string(), after: z.array(z.string()) })
  .meta({ id: 'ContinuityOverride' });

export const auditEntrySchema = z
  .object({ at: z.string(), actorName: z.string(), actorRole: z.string().nullable(), action: z.string(), organisationName: z.string().nullable(), address: z.string().nullable() })
  .meta({ id: 'AuditEntry' });

export const caseParams = z.object({ id: uuid });
