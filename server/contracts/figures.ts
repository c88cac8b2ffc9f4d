import { calendarDate } from './dates.ts';
import { addDays, daysBetween } from './time.ts';
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

/** What the actor may ask figures for: a team, a district or an organisation, by name. */
export const figureScopeSchema = z
  .object({ kind: z.enum(['team', 'district', 'organisation']), id: z.string(), name: z.string() })
  .meta({ id: 'FigureScope' });
export type FigureScopeChoice = z.infer<typeof figureScopeSchema>;

/**
 * The figures' terms: vårtermin from January to June, hösttermin from July to December (the
 * evaluation counted by calendar half-year; summer belongs to the autumn's planning).
 */
export type Term = { key: string; name: string; from: string; to: string };

export function termOf(date: string): Term {
  const year = date.slice(0, 4);
  return date.slice(5) < '07-01'
    ? { key: `vt${year}`, name: `VT ${year}`, from: `${year}-01-01`, to: `${year}-06-30` }
    : { key: `ht${year}`, name: `HT ${year}`, from: `${year}-07-01`, to: `${year}-12-31` };
}

/** A term by its key (`vt2026`, `ht2025`), or undefined. */
export function termByKey(key: string): Term | undefined {
  const m = /^(vt|ht)(\d{4})$/.exec(key);
  return m ? termOf(`${m[2]}-${m[1] === 'vt' ? '01' : '07'}-01`) : undefined;
}

/** The terms a period touches, each cut to the period, oldest first (at most eleven: five years). */
export function termsWithin(from: string, to: string): Term[] {
  const terms: Term[] = [];
  for (let term = termOf(from); term.from <= to && terms.length < 11; term = termOf(addDays(term.to, 1))) {
    terms.push({ ...term, from: term.from < from ? from : term.from, to: term.to > to ? to : term.to });
  }
  return terms;
}
