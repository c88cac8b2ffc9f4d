import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { figureScopeSchema, figuresSchema, termByKey, termOf, termsWithin, type Metric, type Term } from '#contracts/figures.ts';
import { addDays, daysBetween, stockholmDate } from '#contracts/time.ts';
import { formatShortDate, longDate } from '#lib/server/format.ts';
import { t } from '#lib/i18n.ts';
import { sv, type MessageKey } from '#lib/messages/sv.ts';
import { apiGet, apiGetOrProblem } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

/** "VT 2026" ("Spring term 2026"): a term as the reader says it. */
const termName = (term: Term) => t(term.key.startsWith('vt') ? 'figures.term.vt' : 'figures.term.ht', { year: term.key.slice(2) });

const READERS: ReadonlySet<string> = new Set(['team_lead', 'social_worker', 'principal', 'district_admin', 'admin']);
const isDate = (v: string | null): v is string => v !== null && /^\d{4}-\d{2}-\d{2}$/.test(v);
const SCOPE_PARAM = { team: 'teamId', district: 'districtId', organisation: 'organisationId' } as const;

/** A number as Swedes write it: decimal comma, a percent sign or a unit in words. */
function shown(value: number | string, unit: Metric['unit']) {
  if (typeof value === 'string') return t('figures.suppressed');
  // A mean of people keeps its decimal ("2,0"), as the evaluation wrote it.
  const n = (unit === 'people' ? value.toFixed(1) : String(value)).replace('.', ',');
  return unit === 'percent' ? `${n} %` : unit === 'days' ? t('figures.days', { n }) : n;
}

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  if (!locals.user!.memberships.some((m) => READERS.has(m.role))) error(404, t('error.404'));
  const today = stockholmDate(locals.now);
  const scopes = await apiGet(fetch, '/api/figures/scopes', z.array(figureScopeSchema));

  // A term, or a period of one's own; the last twelve months by default (a year to mean anything).
  const term = termByKey(url.searchParams.get('termin') ?? '');
  const to = term ? term.to : isDate(url.searchParams.get('till')) ? url.searchParams.get('till')! : today;
  const from = term ? term.from : isDate(url.searchParams.get('fran')) ? url.searchParams.get('fran')! : addDays(to, -364);
  const chosen = scopes.find((s) => `${s.kind}:${s.id}` === url.searchParams.get('omfang')) ?? scopes[0];
  const scopeQuery = chosen ? `&${SCOPE_PARAM[chosen.kind]}=${chosen.id}` : '';
  const query = `from=${from}&to=${to}${scopeQuery}`;

  // The last six terms to pick from, newest first.
  const terms = [termOf(today)];
  while (terms.length < 6) terms.push(termOf(addDays(terms.at(-1)!.from, -1)));

  const whole = await apiGetOrProblem(fetch, `/api/figures?${query}`, figuresSchema, [400, 404]);
  const base = {
    from,
    to,
    term: term?.key ?? '',
    terms: terms.map((x) => ({ value: x.key, label: termName(x) })),
    scopes: scopes.map((s) => ({ value: `${s.kind}:${s.id}`, label: `${t(`figures.scope.${s.kind}`)}: ${s.name}` })),
    scope: chosen ? `${chosen.kind}:${chosen.id}` : '',
    scopeName: chosen?.name ?? '',
    csv: `/api/figures.csv?${query}`,
  };
  if (!whole.ok) return { ...base, problem: whole.problem.detail, period: '', metrics: [] };

  // Each figure term by term, for its chart (only once the period is known to be valid).
  const parts = termsWithin(from, to);
  const consentDay = formatShortDate(to < today ? to : today, today);
  const series = parts.length > 1 ? await Promise.all(parts.map((p) => apiGet(fetch, `/api/figures?from=${p.from}&to=${p.to}${scopeQuery}`, figuresSchema))) : [whole.data];
  return {
    ...base,
    problem: null,
    period: t('figures.period', { from: longDate(from), to: longDate(to), days: daysBetween(from, to) + 1 }),
    metrics: whole.data.metrics.map((m) => ({
      key: m.key,
      // The API's label is Swedish; a known figure is named in the reader's language.
      label: `figure.${m.key}` in sv ? t(`figure.${m.key}` as MessageKey, { day: consentDay }) : m.label,
      unit: m.unit,
      value: shown(m.value, m.unit),
      reference: m.reference ? { pilot: m.reference.pilot, ordinary: m.reference.ordinary, pilotShown: shown(m.reference.pilot, m.unit), ordinaryShown: shown(m.reference.ordinary, m.unit) } : null,
      series: series.map((figures, i) => {
        const value = figures.metrics.find((x) => x.key === m.key)?.value ?? '<5';
        return { name: parts.length > 1 ? termName(parts[i]!) : t('figures.wholePeriod'), value: typeof value === 'number' ? value : null, shown: shown(value, m.unit) };
      }),
    })),
  };
};
