import { meSchema } from './auth.ts';
import { z } from './zod.ts';

// A code as people type it: six digits from the app (spaces allowed) or a recovery code (xxxxx-xxxxx).
const code = z
  .string({ message: 'Skriv koden.' })
  .trim()
  .min(1, { message: 'Skriv koden.' })
  .max(40, { message: 'Koden är för lång.' })
  .regex(/^[A-Za-z0-9 -]+$/, { message: 'Koden består av siffror, eller av bokstäver och siffror med ett bindestreck.' });

/** The short-lived token a password sign-in answered with (401 mfa_required). */
const mfaToken = z
  .string()
  .min(1, { message: 'Inloggningen har gått ut. Börja om.' })
  .max(2000)
  .regex(/^[A-Za-z0-9_.-]+$/, { message: 'Inloggningen har gått ut. Börja om.' });

export const secondStepBody = z.object({ mfaToken, code }).strict();
export const enrolBody = z.object({ mfaToken }).strict();
export const codeBody = z.object({ code }).strict();

export const secondStepResponse = z.object({
  user: meSchema,
  /** Shown once, when the factor was set up by this sign-in. */
  recoveryCodes: z.array(z.string()).optional(),
});

export const enrolmentSchema = z
  .object({
    /** The secret in base32, for typing into an app by hand. */
    secret: z.string(),
    /** The otpauth:// address the QR code holds. */
    uri: z.string(),
    /** The QR code as an SVG document. */
    qrSvg: z.string(),
  })
  .meta({ id: 'SecondFactorEnrolment' });
export type Enrolment = z.infer<typeof enrolmentSchema>;

export const secondFactorStatus = z
  .object({
    enabled: z.boolean(),
    /** Whether one of the person's roles must use it (MFA_REQUIRED_ROLES). */
    required: z.boolean(),
    recoveryCodesLeft: z.number().int(),
  })
  .meta({ id: 'SecondFactorStatus' });
export type SecondFactorStatus = z.infer<typeof secondFactorStatus>;

export const recoveryCodesResponse = z.object({ recoveryCodes: z.array(z.string()) });
