import { dayRule } from '../../lib/calendar.ts';
import { addDays, isoWeekday, stockholmInstant } from '../../contracts/time.ts';

export type SeriesRule = {
  weekday: number;
  startTime: string;
  durationMinutes: number;
  intervalWeeks: number;
  from: string;
  until: string;
};

export type DatedPeriod = { startsOn: string; endsOn: string; name: string };
export type PersonDay = { name: string; startsOn: string; endsOn: string };
export type Busy = { name: string; startsAt: Date; endsAt: Date };

/** What decides which dates a series skips. */
export type SeriesContext = {
  now: Date;
  closedDays: ReadonlyMap<string, string>;
  /** The organisation's terms; when there are none, every date counts as term time. */
  terms: DatedPeriod[];
  /** The organisation's holidays (lov). */
  breaks: DatedPeriod[];
  absences: PersonDay[];
  dutyDays: PersonDay[];
  /** The hosts' walk-and-talks and meetings already planned. */
  busy: Busy[];
};

export type SkipReason = 'holiday' | 'school_break' | 'absence' | 'duty' | 'busy' | 'past';
export type PlannedSlot = { date: string; startsAt: Date; endsAt: Date };
export type SkippedDate = { date: string; reason: SkipReason; label: string };

const within = (date: string, p: { startsOn: string; endsOn: string }) => p.startsOn <= date && date <= p.endsOn;

/** Every date the rule names: the first matching weekday on or after `from`, then every N weeks. */
export function seriesDates(rule: SeriesRule): string[] {
  const offset = (rule.weekday - isoWeekday(rule.from) + 7) % 7;
  const dates: string[] = [];
  for (let d = addDays(rule.from, offset); d <= rule.until; d = addDays(d, 7 * rule.intervalWeeks)) dates.push(d);
  return dates;
}

export function skipOf(date: string, startsAt: Date, endsAt: Date, ctx: SeriesContext): Omit<SkippedDate, 'date'> | null {
  if (startsAt <= ctx.now) return { reason: 'past', label: 'har redan varit' };
  const rule = dayRule(date, ctx.closedDays);
  if (rule.closed) return { reason: 'holiday', label: rule.name };
  const lov = ctx.breaks.find((b) => within(date, b));
  if (lov) return { reason: 'school_break', label: lov.name };
  if (ctx.terms.length > 0 && !ctx.terms.some((t) => within(date, t))) return { reason: 'school_break', label: 'utanför terminen' };
  const away = ctx.absences.find((a) => within(date, a));
  if (away) return { reason: 'absence', label: `${away.name} är borta` };
  const duty = ctx.dutyDays.find((d) => within(date, d));
  if (duty) return { reason: 'duty', label: `${duty.name} har jourtelefonen` };
  const clash = ctx.busy.find((b) => b.startsAt < endsAt && startsAt < b.endsAt);
  if (clash) return { reason: 'busy', label: `${clash.name} är upptagen då` };
  return null;
}

/**
 * The slots a series gets and the dates it skips, with the reason in words. Times are Stockholm
 * wall time on each date, so 13:00 stays 13:00 on both sides of a daylight-saving change.
 */
export function planSeries(rule: SeriesRule, ctx: SeriesContext): { slots: PlannedSlot[]; skipped: SkippedDate[] } {
  const slots: PlannedSlot[] = [];
  const skipped: SkippedDate[] = [];
  for (const date of seriesDates(rule)) {
    const startsAt = stockholmInstant(date, rule.startTime);
    const endsAt = new Date(startsAt.getTime() + rule.durationMinutes * 60_000);
    const skip = skipOf(date, startsAt, endsAt, ctx);
    if (skip) skipped.push({ date, ...skip });
    else slots.push({ date, startsAt, endsAt });
  }
  return { slots, skipped };
}

/** The instant a moved slot ends: the same length as before. */
export function movedEnd(startsAt: Date, old: { startsAt: Date; endsAt: Date }): Date {
  return new Date(startsAt.getTime() + (old.endsAt.getTime() - old.startsAt.getTime()));
}
