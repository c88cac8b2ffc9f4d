import { randomUUID } from 'node:crypto';
import { fail, redirect } from '@sveltejs/kit';
import { roleValues, type Role } from '#contracts/auth.ts';
import { auditEntrySchema, caseSchema } from '#contracts/cases.ts';
import { caseStatutorySchema, consentCreatedSchema, consentSchema, latestValidUntil } from '#contracts/consents.ts';
import { meetingStatusValues, meetingTypeValues, type MeetingStatus, type MeetingType } from '#contracts/meetings.ts';
import { rosterSchema } from '#contracts/roster.ts';
import { z } from '#contracts/zod.ts';
import { t } from '#lib/i18n.ts';
import { sv, type MessageKey } from '#lib/messages/sv.ts';
import { apiGet, apiGetOrProblem, apiSend, idempotencyHeader } from '#lib/server/api.ts';
import { acknowledgeFeedback, caseConsentsView, feedbackListSchema, writeFeedback } from '#lib/server/consents.ts';
import { failWith, formValues, renameFields } from '#lib/server/forms.ts';
import { stockholmDate } from '#contracts/time.ts';
import { longDate, moment, shortMoment } from '#lib/server/format.ts';
import { caseEventKindNames, type CaseEventKind } from '#contracts/case-path.ts';
import type { Actions, PageServerLoad } from './$types';

const is = <T extends string>(values: readonly T[], v: string | null): v is T => v !== null && (values as readonly string[]).includes(v);
/** Every code as words; one the catalogue does not know yet is "Annan händelse", never the code. */
const actionLabel = (action: string) => {
  const step = /^case\.step\.(\w+)$/.exec(action)?.[1];
  if (step && step in caseEventKindNames) return t('audit.action.case.step', { step: t(`caseEvent.${step as CaseEventKind}`) });
  return `audit.action.${action}` in sv ? t(`audit.action.${action}` as MessageKey) : t('audit.action.other');
};
const names = (people: { name: string }[]) => people.map((p) => p.name).join(', ') || t('case.none');

// The case in parts, one at a time (?visa=): the overview with its people, the path, consent and
// feedback, and the log. After a form is sent without JavaScript the address names the action,
// and the part that holds its form is shown again.
const TABS = ['oversikt', 'vag', 'samtycke', 'logg'] as const;
type Tab = (typeof TABS)[number];
const ACTION_TAB: Record<string, Tab> = { workers: 'oversikt', step: 'vag', consent: 'samtycke', withdraw: 'samtycke', feedback: 'samtycke', acknowledge: 'samtycke', statutory: 'samtycke' };
function tabOf(url: URL): Tab {
  const asked = url.searchParams.get('visa');
  if (is(TABS, asked)) return asked;
  if (url.searchParams.get('logg') === '1') return 'logg';
  const action = [...url.searchParams.keys()].find((k) => k.startsWith('/'))?.slice(1);
  return (action && ACTION_TAB[action]) || 'oversikt';
}

export const load: PageServerLoad = async ({ fetch, params, url, locals }) => {
  const path = `/api/cases/${encodeURIComponent(params.id)}`;
  const c = await apiGet(fetch, path, caseSchema);
  const tab = tabOf(url);
  // Reading the log is itself logged, so it is opened on request rather than on every visit.
  const showAudit = c.can.readAudit && tab === 'logg' && url.searchParams.get('logg') === '1';
  const isWorker = c.workers.some((w) => w.userId === locals.user!.id);
  // Each part reads only what it shows: consents and feedback are read (and logged) on their part.
  const onConsents = tab === 'samtycke';
  const [roster, audit, consents, statutory, feedback] = await Promise.all([
    c.can.changeWorkers && tab === 'oversikt' ? apiGet(fetch, `/api/teams/${c.teamId}/roster`, rosterSchema) : Promise.resolve(null),
    showAudit ? apiGet(fetch, `${path}/audit`, z.array(auditEntrySchema)) : Promise.resolve(null),
    onConsents ? apiGet(fetch, `${path}/consents`, z.array(consentSchema)) : Promise.resolve([]),
    onConsents ? apiGet(fetch, `${path}/statutory-feedback`, z.array(caseStatutorySchema)) : Promise.resolve([]),
    // Only the case's workers read the feedback; a refusal is shown as words, not as an error page.
    isWorker && onConsents ? apiGetOrProblem(fetch, `${path}/feedback`, feedbackListSchema, [403]) : Promise.resolve(null),
  ]);
  const today = stockholmDate(locals.now);
  return {
    // A key for this load's forms: a consent or message sent twice is recorded once.
    formKey: randomUUID(),
    tab,
    tabs: TABS.filter((x) => x !== 'logg' || c.can.readAudit).map((x) => ({ key: x, label: t(`case.tab.${x}`), href: `?visa=${x}`, current: x === tab })),
    c: {
      ...c,
      opened: moment(c.createdAt, locals.now),
      coWorkers: names(c.workers.filter((w) => !w.responsible)),
      metFamilyNames: c.metFamily.map((p) => p.name).join(', '),
      meetings: c.meetings.map((m) => ({
        id: m.id,
        typeLabel: is(meetingTypeValues, m.type) ? t(`meetingType.${m.type as MeetingType}`) : '',
        statusLabel: is(meetingStatusValues, m.status) ? t(`meetingStatus.${m.status as MeetingStatus}`) : '',
        when: m.startsAt ? moment(m.startsAt, locals.now) : t('meeting.noTime'),
      })),
      steps: c.events.map((e) => ({ label: t(`caseEvent.${e.kind}`), date: longDate(e.on) })),
      stepChoices: c.nextSteps.map((kind) => ({ value: kind, label: t(`caseEvent.${kind}`) })),
      periods: c.workerHistory.map((p) => ({
        name: p.name,
        part: t(p.responsible ? 'path.responsible' : 'path.coWorker'),
        from: longDate(p.from),
        until: p.until ? longDate(p.until) : t('path.now'),
      })),
      changes: c.changes.map((ch) => ({ ...ch, when: moment(ch.at, locals.now), beforeNames: names(ch.before), afterNames: names(ch.after) })).reverse(),
    },
    isLead: locals.user!.memberships.some((m) => m.role === 'team_lead' && m.organisationId === c.teamId),
    isWorker,
    ...caseConsentsView({ organisations: c.organisations, consents, statutory, feedback, isWorker, now: locals.now }),
    // A new consent runs from today to the same date next year, the longest the law allows.
    consentDefaults: { validFrom: today, validUntil: latestValidUntil(today) },
    today,
    workers: roster?.workers ?? [],
    // The API answers oldest first; the newest is what the team lead looks for.
    audit:
      audit?.toReversed().map((a) => ({
        ...a,
        when: shortMoment(a.at, locals.now),
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
  consent: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const values = formValues(form, ['consent-organisationId', 'consent-guardians', 'consent-child', 'consent-form', 'consent-validFrom', 'consent-validUntil']);
    const scopes = form.getAll('consent-scopes').map(String);
    const shown = { ...values, 'consent-scopes': scopes.join(',') };
    // What the form alone can tell is said at once, all of it; the API checks the dates and the rest.
    const missing: [string, boolean, MessageKey][] = [
      ['consent-organisationId', !values['consent-organisationId'], 'recordConsent.missingOrganisation'],
      ['consent-scopes', scopes.length === 0, 'recordConsent.missingScopes'],
      ['consent-guardians', !values['consent-guardians'], 'recordConsent.missingGuardians'],
      ['consent-form', !values['consent-form'], 'recordConsent.missingForm'],
    ];
    const errors = missing.filter(([, isMissing]) => isMissing).map(([field, , key]) => ({ field, message: t(key) }));
    if (errors.length) return fail(400, { values: shown, errors });
    const parties = [
      ...Array.from({ length: values['consent-guardians'] === '2' ? 2 : 1 }, () => ({ role: 'guardian' as const })),
      ...(values['consent-child'] ? [{ role: 'child' as const }] : []),
    ];
    const res = await apiSend(fetch, 'POST', `/api/cases/${encodeURIComponent(params.id)}/consents`, {
      organisationId: values['consent-organisationId'],
      scopes,
      parties,
      form: values['consent-form'] ?? '',
      validFrom: values['consent-validFrom'] ?? '',
      validUntil: values['consent-validUntil'] ?? '',
    }, idempotencyHeader(form));
    const names = { organisationId: 'consent-organisationId', scopes: 'consent-scopes', parties: 'consent-guardians', form: 'consent-form', validFrom: 'consent-validFrom', validUntil: 'consent-validUntil' };
    if (!res.ok) return failWith(renameFields(res.problem, names), shown, 'consent-organisationId');
    return { saved: t('recordConsent.saved'), receiptId: consentCreatedSchema.parse(res.data).id };
  },
  withdraw: async ({ request, fetch }) => {
    const form = await request.formData();
    const id = String(form.get('consentId') ?? '');
    const field = `withdraw-${id}`;
    const reason = String(form.get('reason') ?? '').trim();
    const values = { [field]: reason };
    if (!reason) return fail(400, { values, errors: [{ field, message: t('consents.withdrawMissing') }] });
    const res = await apiSend(fetch, 'POST', `/api/consents/${encodeURIComponent(id)}/withdraw`, { reason });
    if (!res.ok) return failWith(renameFields(res.problem, { reason: field }), values, field);
    return { saved: t('consents.withdrawn') };
  },
  /** A step of the case's path, on its date (today unless another is given). */
  step: async ({ request, fetch, params }) => {
    const values = formValues(await request.formData(), ['step-kind', 'step-on']);
    if (!values['step-kind']) return fail(400, { values, errors: [{ field: 'step-kind', message: t('path.missingKind') }] });
    const res = await apiSend(fetch, 'POST', `/api/cases/${encodeURIComponent(params.id)}/events`, { kind: values['step-kind'], on: values['step-on'] ?? '' });
    if (!res.ok) return failWith(renameFields(res.problem, { kind: 'step-kind', on: 'step-on' }), values, 'step-kind');
    return { saved: t('path.saved') };
  },
  feedback: async ({ request, fetch, params }) => writeFeedback(fetch, params.id, await request.formData(), t('feedback.sentToSchool')),
  acknowledge: async ({ request, fetch }) => acknowledgeFeedback(fetch, await request.formData()),
  statutory: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const organisationId = String(form.get('organisationId') ?? '');
    const field = `statutory-${organisationId}`;
    const status = String(form.get(field) ?? '');
    const values: Record<string, string> = status ? { [field]: status } : {};
    if (!status) return fail(400, { values, errors: [{ field, message: t('statutory.missing') }] });
    const res = await apiSend(fetch, 'POST', `/api/cases/${encodeURIComponent(params.id)}/statutory-feedback`, { organisationId, status });
    if (!res.ok) return failWith(renameFields(res.problem, { status: field, organisationId: field }), values, field);
    return { saved: t('statutory.saved') };
  },
};
