import { redirect } from '@sveltejs/kit';
import { roleValues, type Role } from '#contracts/auth.ts';
import { auditEntrySchema, caseSchema } from '#contracts/cases.ts';
import { meetingStatusValues, meetingTypeValues, type MeetingStatus, type MeetingType } from '#contracts/meetings.ts';
import { rosterSchema } from '#contracts/roster.ts';
import { z } from '#contracts/zod.ts';
import { t } from '#lib/i18n.ts';
import { sv, type MessageKey } from '#lib/messages/sv.ts';
import { apiGet, apiSend } from '#lib/server/api.ts';
import { failWith, formValues } from '#lib/server/forms.ts';
import { moment, shortMoment } from '#lib/server/time.ts';
import type { Actions, PageServerLoad } from './$types';

const is = <T extends string>(values: readonly T[], v: string | null): v is T => v !== null && (values as readonly string[]).includes(v);
/** Every code as words; one the catalogue does not know yet is "Annan händelse", never the code. */
const actionLabel = (action: string) => (`audit.action.${action}` in sv ? t(`audit.action.${action}` as MessageKey) : t('audit.action.other'));
const names = (people: { name: string }[]) => people.map((p) => p.name).join(', ') || t('case.none');

export const load: PageServerLoad = async ({ fetch, params, url, locals }) => {
  const path = `/api/cases/${encodeURIComponent(params.id)}`;
  const c = await apiGet(fetch, path, caseSchema);
  // Reading the log is itself logged, so it is opened on request rather than on every visit.
  const showAudit = c.can.readAudit && url.searchParams.get('logg') === '1';
  const [roster, audit] = await Promise.all([
    c.can.changeWorkers ? apiGet(fetch, `/api/teams/${c.teamId}/roster`, rosterSchema) : Promise.resolve(null),
    showAudit ? apiGet(fetch, `${path}/audit`, z.array(auditEntrySchema)) : Promise.resolve(null),
  ]);
  return {
    c: {
      ...c,
      opened: moment(c.createdAt),
      coWorkers: names(c.workers.filter((w) => !w.responsible)),
      metFamilyNames: c.metFamily.map((p) => p.name).join(', '),
      meetings: c.meetings.map((m) => ({
        id: m.id,
        typeLabel: is(meetingTypeValues, m.type) ? t(`meetingType.${m.type as MeetingType}`) : '',
        statusLabel: is(meetingStatusValues, m.status) ? t(`meetingStatus.${m.status as MeetingStatus}`) : '',
        when: m.startsAt ? moment(m.startsAt) : t('meeting.noTime'),
      })),
      changes: c.changes.map((ch) => ({ ...ch, when: moment(ch.at), beforeNames: names(ch.before), afterNames: names(ch.after) })).reverse(),
    },
    isLead: locals.user!.memberships.some((m) => m.role === 'team_lead' && m.organisationId === c.teamId),
    workers: roster?.workers ?? [],
    // The API answers oldest first; the newest is what the team lead looks for.
    audit:
      audit?.toReversed().map((a) => ({
        ...a,
        when: shortMoment(a.at),
        role: is(roleValues, a.actorRole) ? t(`role.${a.actorRole as Role}`) : t('audit.none'),
        what: actionLabel(a.action),
      })) ?? null,
  };
};

export const actions: Actions = {
  workers: async ({ request, fetch, params, locals }) => {
    const form = await request.formData();
    const values = formValues(form, ['responsibleId', 'reason']);
    // The responsible person is on the case already; ticking them as co-worker too changes nothing.
    const coWorkerIds = form.getAll('coWorkerIds').map(String).filter((id) => id && id !== values.responsibleId);
    const shown = { ...values, coWorkerIds: coWorkerIds.join(',') };
    const res = await apiSend(fetch, 'PUT', `/api/cases/${encodeURIComponent(params.id)}/workers`, {
      responsibleId: values.responsibleId ?? '',
      coWorkerIds,
      ...(values.reason ? { reason: values.reason } : {}),
    });
    // Only the team lead can answer the continuity rule with a reason; anyone else changes the people.
    const leads = locals.user!.memberships.some((m) => m.role === 'team_lead');
    const field = res.ok ? '' : res.problem.code === 'identifying_data' || (res.problem.code === 'continuity_required' && leads) ? 'reason' : 'responsibleId';
    if (!res.ok) return failWith(res.problem, shown, field);
    const after = caseSchema.parse(res.data);
    // Whoever hands the case on to others no longer sees it.
    const userId = locals.user!.id;
    const stillSees = after.workers.some((w) => w.userId === userId) || locals.user!.memberships.some((m) => m.role === 'team_lead' && m.organisationId === after.teamId);
    if (!stillSees) redirect(303, '/arenden?lamnat=1');
    return { saved: t('case.workersSaved') };
  },
};
