import { uuid } from './text.ts';
import { z } from './zod.ts';

/** A list of a few thousand rows is a few hundred kilobytes; a bigger file is refused (413). */
export const IMPORT_LIMIT = 2 * 1024 * 1024;

export const importQuery = z.object({ dryRun: z.enum(['true', 'false'], { message: 'dryRun är true eller false.' }).optional() });
export const organisationsImportQuery = importQuery.extend({ districtId: uuid });

/** Every row with its errors in Swedish, and how many were written (0 on a dry run or while any row is wrong). */
export const importResult = z
  .object({
    rows: z.array(z.object({ line: z.number().int(), ok: z.boolean(), errors: z.array(z.object({ field: z.string(), message: z.string() })) })),
    created: z.number().int(),
  })
  .meta({ id: 'ImportResult' });
export type ImportResult = z.infer<typeof importResult>;
