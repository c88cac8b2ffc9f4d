import { error } from '@sveltejs/kit';
import { z } from '#contracts/zod.ts';
import { addDays as shift, stockholmDate, weekToShow } from '#contracts/time.ts';
import { formatDate } from '#lib/server/format.ts';
import { hostedSlotSchema } from '#contracts/slots.ts';
import { t } from '#lib/i18n.ts';
import { apiGet, apiSend } from '#lib/server/api.ts';
import { failWith, formValues } from '#lib/server/forms.ts';
import { slotView, when } from '#lib/server/slots.ts';
import { agendaItemSchema } from '#contracts/agenda.ts';
import { agendaTitle } from '#lib/server/agenda-words.ts';
import { teamOf } from '#lib/server/team.ts';
import { dateParam } from '#lib/server/query.ts';
import type { Actions, PageServerLoad } from './$types';

const OTHER_KINDS: ReadonlySet<string> = new Set(['meeting', 'duty', 'absence', 'booking', 'check_in']);

/** "måndag 7 december" or "måndag 7 – tisdag 8 december" for items that take whole days. */
function wholeDays(startsAt: string, endsAt: string): string {
  const first = stockholmDate(new Date(startsAt));
  const last = shift(stockholmDate(new Date(endsAt)), -1);
  return first === last ? formatDate(first) : `${formatDate(first)} – ${formatDate(last)}`;
}

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  if (!teamOf(locals.user)) error(404, t('error.404'));
  const { monday, week, ahead } = weekToShow(dateParam(url, 'vecka'), locals.now);
  const sunday = shift(monday, 6);
  // A team lead may see every host's slots in the team; everyone else sees their own.
  const ledTeam = locals.user!.memberships.find((m) => m.role === 'team_lead')?.organisationId ?? null;
  const team = ledTeam && url.searchParams.get('vy') === 'teamet' ? ledTeam : null;
  const path = team ? `/api/teams/${encodeURIComponent(team)}/hosted-slots` : '/api/me/hosted-slots';
  const slots = await apiGet(fetch, `${path}?from=${monday}&to=${sunday}`, z.array(hostedSlotSchema));
  // The rest of the person's own week from the agenda: meetings, duty days and absences.
  const others = team ? [] : (await apiGet(fetch, `/api/me/agenda?from=${monday}&to=${sunday}`, z.array(agendaItemSchema))).filter((i) => OTHER_KINDS.has(i.kind));
  const now = locals.now.getTime();
  const view = team ? '&vy=teamet' : '';
  const views = ledTeam
    ? [
        { label: t('week.viewMine'), href: `?vecka=${monday}`, current: !team },
        { label: t('week.viewTeam'), href: `?vecka=${monday}&vy=teamet`, current: !!team },
      ]
    : [];
  const list = slots.map((s) => ({
    ...slotView(s),
    started: Date.parse(s.startsAt) <= now,
    bookings: s.bookings.map((b) => ({ ...b, topicLabel: t(`topic.${b.topic as 'general_question'}`) })),
  }));
  const moved = list.find((s) => s.id === url.searchParams.get('flyttad') && !s.cancelled);
  return {
    heading: t(ahead ? 'week.rangeAhead' : 'week.range', { week, from: formatDate(monday), to: formatDate(sunday) }),
    monday,
    keepView: team ? { vy: 'teamet' } : {},
    previous: `?vecka=${shift(monday, -7)}${view}`,
    next: `?vecka=${shift(monday, 7)}${view}`,
    views,
    team: !!team,
    moveQuery: team ? '?vy=teamet' : '',
    // Without JavaScript the answer to a form is this page again: the same week and view.
    keep: `&vecka=${monday}${view}`,
    moved: moved ? t('week.moved', { when: moved.when }) : undefined,
    slots: list,
    others: others.map((i) => ({
      ...i,
      title: agendaTitle(i),
      when: i.kind === 'duty' || i.kind === 'absence' ? wholeDays(i.startsAt, i.endsAt) : when(i.startsAt, i.endsAt),
    })),
  };
};

export const actions: Actions = {
  attendance: async ({ request, fetch }) => {
    const form = await request.formData();
    const id = String(form.get('id') ?? '');
    const status = String(form.get('status') ?? '');
    const res = await apiSend(fetch, 'POST', `/api/bookings/${encodeURIComponent(id)}/attendance`, { status });
    if (!res.ok) return failWith({ ...res.problem, fields: undefined }, {}, `booking-${id}`);
    return { saved: status === 'attended' ? t('week.markedAttended') : t('week.markedNoShow') };
  },
  cancelSlot: async ({ request, fetch }) => {
    const form = await request.formData();
    const id = String(form.get('id') ?? '');
    const values = formValues(form, ['reason']);
    const res = await apiSend(fetch, 'POST', `/api/slots/${encodeURIComponent(id)}/cancel`, values);
    if (!res.ok) return failWith({ ...res.problem, fields: undefined }, values, `reason-${id}`);
    return { saved: t('week.slotCancelled') };
  },
};
