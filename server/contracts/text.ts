import { z } from './zod.ts';

// PostgreSQL text cannot hold NUL and no person types control characters; refusing them at the
// boundary turns what would be a 500 into a plain 400.
const controlChars = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** A single-line or multi-line free text of at most `max` characters. */
export function text(max: number, min = 1) {
  return z
    .string()
    .trim()
    .min(min, { message: min === 1 ? 'Fältet får inte vara tomt.' : `Skriv minst ${min} tecken.` })
    .max(max, { message: `Skriv högst ${max} tecken.` })
    .refine((s) => !controlChars.test(s), { message: 'Texten innehåller otillåtna tecken.' });
}

export const email = z
  .string()
  .trim()
  .max(254, { message: 'E-postadressen är för lång.' })
  .toLowerCase()
  .pipe(z.email({ message: 'Skriv en giltig e-postadress.' }));

export const uuid = z.uuid({ message: 'Ogiltigt id.' });
