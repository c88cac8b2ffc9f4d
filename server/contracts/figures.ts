import { calendarDate } from './dates.ts';
import { daysBetween } from './time.ts';
import { uuid } from './text.ts';
import { z } from './zod.ts';

export const figuresQuery = z
  .object({ districtId: uuid.optional(), teamId: uuid.optional(), organisationId: uuid.optional(), from: calendarDate, to: calendarDate })
  .strict()
  .refine((q) => q.to >= q.from, { message: 'Slutdatumet kan inte vara före startdatumet.', path: ['to'] })
  .refine((q) => daysBetween(q.from, q.to) <= 5 * 366, { message: 'Välj högst fem år åt gången.', path: ['to'] });
export type FiguresQuery = z.infer<typeof figuresQuery>;

/** A count under five, or a figure from which one could be worked back, is shown as this. */
export const SUPPRESSED = '<5';

export const metricSchema = z
  .object({
    key: z.string(),
    label: z.string(),
    value: z.union([z.number(), z.literal(SUPPRESSED)]),
    unit: z.enum(['count', 'percent', 'days', 'people']),
    /** The evaluation's values (seed report, chapter 5): the pilot and ordinary services. */
    reference: z.object({ pilot: z.number(), ordinary: z.number() }).optional(),
  })
  .meta({ id: 'Metric' });
export type Metric = z.infer<typeof metricSchema>;

export const figuresSchema = z.object({ from: z.string(), to: z.string(), scope: z.string(), metrics: z.array(metricSchema) }).meta({ id: 'Figures' });
export type Figures = z.infer<typeof figuresSchema>;
