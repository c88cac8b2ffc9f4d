import { freeText, uuid } from './text.ts';
import { z } from './zod.ts';
import { calendarDate as isoDate } from './dates.ts';
import { nextYearSameDay } from './time.ts';

export const consentScopeValues = ['intervention_progress', 'school_observations', 'attendance', 'meeting_invitations'] as const;
export type ConsentScope = (typeof consentScopeValues)[number];
export const consentFormValues = ['written', 'verbal'] as const;
export const partyRoleValues = ['guardian', 'child'] as const;
export const consentStatusValues = ['active', 'not_yet_valid', 'expired', 'withdrawn'] as const;
export type ConsentStatus = (typeof consentStatusValues)[number];
export const statutoryAnswerValues = ['investigation_opened', 'investigation_not_opened', 'already_ongoing'] as const;

const scope = z.enum(consentScopeValues, { message: 'Välj vad som får delas: insatsens förlopp, skolans iakttagelser, närvaro eller mötesinbjudningar.' });

/** The last day a consent from `validFrom` may run: the same date a year later (or 28 February). */
export function latestValidUntil(validFrom: string): string {
  return nextYearSameDay(validFrom);
}

export const consentBody = z
  .object({
    organisationId: uuid,
    scopes: z.array(scope).min(1, { message: 'Välj minst en sak som får delas.' }).max(4),
    parties: z
      .array(z.object({ role: z.enum(partyRoleValues, { message: 'Välj vårdnadshavare eller barnet.' }) }).strict())
      .min(1, { message: 'Ange vem som har samtyckt.' })
      .max(3, { message: 'Högst två vårdnadshavare och barnet.' }),
    form: z.enum(consentFormValues, { message: 'Välj skriftligt eller muntligt.' }),
    validFrom: isoDate,
    validUntil: isoDate,
  })
  .strict()
  .refine((b) => new Set(b.scopes).size === b.scopes.length, { message: 'Välj varje sak en gång.', path: ['scopes'] })
  .refine((b) => b.parties.filter((p) => p.role === 'guardian').length <= 2, { message: 'Högst två vårdnadshavare.', path: ['parties'] })
  .refine((b) => b.parties.filter((p) => p.role === 'child').length <= 1, { message: 'Barnet kan bara anges en gång.', path: ['parties'] })
  .refine((b) => b.validUntil >= b.validFrom, { message: 'Slutdatumet kan inte vara före startdatumet.', path: ['validUntil'] })
  .refine((b) => b.validUntil <= latestValidUntil(b.validFrom), { message: 'Ett samtycke gäller högst 12 månader.', path: ['validUntil'] });

export const withdrawBody = z.object({ reason: freeText(300) }).strict();

export const consentSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    organisationId: z.string(),
    organisationName: z.string(),
    scopes: z.array(z.enum(consentScopeValues)),
    parties: z.array(z.object({ role: z.enum(partyRoleValues) })),
    form: z.enum(consentFormValues),
    validFrom: z.string(),
    validUntil: z.string(),
    recordedByName: z.string().nullable(),
    recordedAt: z.string(),
    withdrawnAt: z.string().nullable(),
    withdrawalReason: z.string().nullable(),
    /** Derived from the dates and the withdrawal at the moment of the request. */
    status: z.enum(consentStatusValues),
    /** In words: "Gäller till 12 juni", "Har gått ut", "Återkallat 3 mars". */
    statusText: z.string(),
    /** Active and ends within 14 days. */
    endsSoon: z.boolean(),
  })
  .meta({ id: 'Consent' });
export type Consent = z.infer<typeof consentSchema>;

export const consentCreatedSchema = z.object({ id: z.string(), status: z.enum(consentStatusValues) }).meta({ id: 'ConsentCreated' });

export const feedbackBody = z.object({ organisationId: uuid, scope, body: freeText(2000) }).strict();
export const feedbackQuery = z.object({ organisationId: uuid.optional(), scope: scope.optional() }).strict();

export const feedbackSchema = z
  .object({
    id: z.string(),
    organisationId: z.string(),
    scope: z.enum(consentScopeValues),
    body: z.string(),
    authorName: z.string(),
    authorSide: z.enum(['team', 'school']),
    createdAt: z.string(),
    /** When the other side marked it read ("kvittens"). */
    acknowledgedAt: z.string().nullable(),
    acknowledgedBy: z.string().nullable(),
  })
  .meta({ id: 'Feedback' });
export type Feedback = z.infer<typeof feedbackSchema>;

export const statutoryBody = z
  .object({ organisationId: uuid, status: z.enum(statutoryAnswerValues, { message: 'Välj ett av de tre svaren: utredning inledd, utredning inleds inte eller utredning pågår redan.' }) })
  .strict();

export const statutorySchema = z
  .object({ id: z.string(), caseId: z.string(), organisationId: z.string(), status: z.enum(statutoryAnswerValues), givenAt: z.string() })
  .meta({ id: 'StatutoryFeedback' });

export const pendingStatutorySchema = z
  .object({ caseId: z.string(), label: z.string(), organisationId: z.string(), organisationName: z.string(), since: z.string(), days: z.number() })
  .meta({ id: 'PendingStatutoryFeedback' });

/** One case as the school side sees it on its Återkoppling page. */
export const inboxEntrySchema = z
  .object({
    caseId: z.string(),
    label: z.string(),
    /** Scopes a consent covers now; empty when none does. */
    activeScopes: z.array(z.enum(consentScopeValues)),
    /** The last day of the consent that covers now (the latest, if several). */
    activeUntil: z.string().nullable(),
    /** There was a consent, and none covers now: "Samtycket gäller inte längre". */
    ended: z.boolean(),
    unread: z.number(),
    statutory: z.object({ status: z.enum(statutoryAnswerValues), givenAt: z.string() }).nullable(),
  })
  .meta({ id: 'FeedbackInboxEntry' });

export const consentParams = z.object({ id: uuid });
export const feedbackParams = z.object({ id: uuid });

export const receiptSchema = consentSchema
  .pick({ id: true, organisationName: true, scopes: true, parties: true, form: true, validFrom: true, validUntil: true, withdrawnAt: true, status: true, statusText: true, endsSoon: true })
  .extend({ teamName: z.string(), teamPhone: z.string().nullable(), contactName: z.string().nullable(), contactPhone: z.string().nullable() })
  .meta({ id: 'ConsentReceipt' });

export const caseStatutorySchema = z
  .object({ organisationId: z.string(), organisationName: z.string(), reporter: z.boolean(), status: z.enum(statutoryAnswerValues).nullable(), givenAt: z.string().nullable() })
  .meta({ id: 'CaseStatutoryFeedback' });

export const acknowledgedSchema = z.object({ id: z.string(), acknowledgedAt: z.string(), acknowledgedBy: z.string() });
