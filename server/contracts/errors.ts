import { z } from './zod.ts';

/** Stable error codes of the public API (API.md). Clients switch on these, never on text. */
export const errorCodes = [
  'unauthenticated',
  'invalid_credentials',
  'mfa_required',
  'rate_limited',
  'forbidden',
  'not_found',
  'invalid_request',
  'identifying_data',
  'slot_taken',
  'schedule_conflict',
  'no_consent',
  'continuity_required',
  'already_used',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** RFC 9457 problem details, as every error answer carries them. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(errorCodes),
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    /** 409 slot_taken: the next free slots to offer instead. */
    alternatives: z.array(z.object({ id: z.string(), startsAt: z.string() })).optional(),
    /** 401 mfa_required: send it with the code to POST /api/auth/mfa (valid 5 minutes). */
    mfaToken: z.string().optional(),
    /** 401 mfa_required: no second factor is set up yet; POST /api/auth/mfa/enrol first. */
    enrolment: z.boolean().optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof problemSchema>;
