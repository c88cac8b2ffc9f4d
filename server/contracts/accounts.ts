import { z } from './zod.ts';
import { email } from './text.ts';

/** At least 12 characters (NIST SP 800-63B); the service also refuses common and guessable ones. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

export const passwordResetBody = z.object({ email }).strict();

export const setPasswordBody = z
  .object({
    token: z.string().min(20, { message: 'Länken är inte hel. Öppna den igen från brevet.' }).max(100, { message: 'Länken är inte hel. Öppna den igen från brevet.' }),
    password: z
      .string()
      .refine((p) => [...p].length >= PASSWORD_MIN, { message: `Lösenordet behöver vara minst ${PASSWORD_MIN} tecken.` })
      .refine((p) => [...p].length <= PASSWORD_MAX, { message: `Lösenordet får vara högst ${PASSWORD_MAX} tecken.` }),
  })
  .strict();
export type SetPasswordBody = z.infer<typeof setPasswordBody>;

/** What a one-time link is for, as the page that opens it shows it. */
export const accountLinkSchema = z.object({ purpose: z.enum(['invitation', 'password_reset']), name: z.string() }).meta({ id: 'AccountLink' });
