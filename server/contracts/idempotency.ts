import { z } from './zod.ts';

/**
 * `Idempotency-Key`: a key of the client's choosing (a UUID does), one per thing it means to do.
 * A request sent again under the same key within a day gets the first answer and changes nothing.
 */
export const idempotencyHeaders = z
  .object({
    'idempotency-key': z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,100}$/, { message: 'Idempotency-Key ska vara 8–100 tecken: bokstäverna a–z och A–Z, siffror, - och _.' })
      .optional(),
  })
  .loose();
