import { feedbackReaderRoles } from '#contracts/auth.ts';
import { fail } from '@sveltejs/kit';
import { consentScopeValues, feedbackSchema, inboxEntrySchema, statutoryAnswerValues, type Consent, type ConsentScope, type Feedback } from '#contracts/consents.ts';
import { stockholmDate } from '#contracts/time.ts';
import { formatShortDate, moment } from '#lib/server/format.ts';
import { z } from '#contracts/zod.ts';
import { t } from '../i18n.ts';
import { apiSend, idempotencyHeader } from './api.ts';
import { failWith, renameFields } from './forms.ts';

type Fetch = typeof fetch;
type Party = { role: 'guardian' | 'child' };
type StatutoryAnswer = 'investigation_opened' | 'investigation_not_opened' | 'already_ongoing';

export const scopeLabel = (scope: ConsentScope) => t(`scope.${scope}`);

/** Scopes in their fixed order, as words: "Insatsens förlopp, Närvaro". */
export const scopesText = (scopes: readonly ConsentScope[]) => inOrder(scopes).map(scopeLabel).join(', ');

export const inOrder = (scopes: Iterable<ConsentScope>) => {
  const set = new Set(scopes);
  return consentScopeValues.filter((s) => set.has(s));
};

/** "Två vårdnadshavare och barnet" */
export function partiesText(parties: Party[]): string {
  const guardians = parties.filter((p) => p.role === 'guardian').length;
  const child = parties.some((p) => p.role === 'child');
  if (!guardians) return t('parties.childOnly');
  const g = guardians === 1 ? t('parties.oneGuardian') : t('parties.twoGuardians');
  return child ? t('parties.andChild', { guardians: g }) : g;
}

/** A calendar date as people say it ("12 juni"), with the year when it is not this year. */
export const dayText = (date: string, now: Date) => formatShortDate(date, stockholmDate(now));

/** An instant's Stockholm date as "12 mars". */
export const instantDayText = (iso: string, now: Date) => dayText(stockholmDate(new Date(iso)), now);

/** "Utredning inledd, 12 mars" */
export const statutoryText = (status: StatutoryAnswer, givenAt: string, now: Date) => t('statutory.given', { answer: t(`statutory.${status}`), date: instantDayText(givenAt, now) });

/** A consent with every label the case page shows. */
export function consentView(c: Consent, now: Date) {
  return {
    id: c.id,
    organisationId: c.organisationId,
    organisationName: c.organisationName,
    status: c.status,
    statusText: c.statusText,
    endsSoon: c.endsSoon,
    scopes: c.scopes,
    scopesText: scopesText(c.scopes),
    partiesText: partiesText(c.parties),
    howText: t(`consentHow.${c.form}`),
    period: t('consents.periodValue', { from: dayText(c.validFrom, now), until: dayText(c.validUntil, now) }),
    recorded: t('consents.recordedValue', { when: moment(c.recordedAt, now), name: c.recordedByName ?? t('case.someone') }),
    withdrawalReason: c.withdrawalReason,
    // Only one that has not ended can be withdrawn; the API refuses the rest.
    withdrawable: c.status === 'active' || c.status === 'not_yet_valid',
  };
}
export type ConsentView = ReturnType<typeof consentView>;

/** A message as a thread shows it: who, from which side, when, and whether the other side has read it. */
export function messageView(f: Feedback, schoolName: string, now: Date) {
  const when = moment(f.createdAt, now);
  return {
    id: f.id,
    body: f.body,
    side: f.authorSide,
    author: t('feedback.author', { name: f.authorName, side: f.authorSide === 'team' ? t('feedback.teamSide') : schoolName }),
    authorName: f.authorName,
    when,
    readBy: f.acknowledgedAt ? t('feedback.readBy', { name: f.acknowledgedBy ?? t('case.someone'), when: moment(f.acknowledgedAt, now) }) : null,
  };
}
export type MessageView = ReturnType<typeof messageView>;

export type Thread = { scope: ConsentScope; label: string; messages: MessageView[]; canWrite: boolean; fieldId: string };

/** The form field of one thread's write form: one per organisation and scope on a page. */
export const feedbackFieldId = (organisationId: string, scope: string) => `feedback-${organisationId}-${scope}`;

/**
 * One thread per scope, oldest message first: the scopes a consent covers now (writable when the
 * reader may write) and any scope that already has messages.
 */
export function threadsOf(messages: Feedback[], organisationId: string, schoolName: string, covered: readonly ConsentScope[], mayWrite: boolean, now: Date): Thread[] {
  const own = messages.filter((m) => m.organisationId === organisationId).toSorted((a, b) => a.createdAt.localeCompare(b.createdAt));
  return inOrder([...covered, ...own.map((m) => m.scope)]).map((scope) => ({
    scope,
    label: scopeLabel(scope),
    messages: own.filter((m) => m.scope === scope).map((m) => messageView(m, schoolName, now)),
    canWrite: mayWrite && covered.includes(scope),
    fieldId: feedbackFieldId(organisationId, scope),
  }));
}

export const feedbackListSchema = z.array(feedbackSchema);

/** The write form of a thread, on the case page and on the school's page alike. */
export async function writeFeedback(fetch: Fetch, caseId: string, form: FormData, saved: string) {
  const organisationId = String(form.get('organisationId') ?? '');
  const scope = String(form.get('scope') ?? '');
  const body = String(form.get('body') ?? '').trim();
  const field = feedbackFieldId(organisationId, scope);
  const values = { [field]: body };
  if (!body) return fail(400, { values, errors: [{ field, message: t('feedback.missingBody') }] });
  const res = await apiSend(fetch, 'POST', `/api/cases/${encodeURIComponent(caseId)}/feedback`, { organisationId, scope, body }, idempotencyHeader(form));
  if (!res.ok) return failWith(renameFields(res.problem, { body: field, organisationId: field, scope: field }), values, field);
  return { saved };
}

/** "Markera som läst" on a message from the other side. */
export async function acknowledgeFeedback(fetch: Fetch, form: FormData) {
  const id = String(form.get('id') ?? '');
  const res = await apiSend(fetch, 'POST', `/api/feedback/${encodeURIComponent(id)}/acknowledge`);
  if (!res.ok) return failWith({ ...res.problem, fields: undefined }, {}, `ack-${id}`);
  return { saved: t('feedback.marked') };
}

type CaseStatutory = { organisationId: string; organisationName: string; reporter: boolean; status: StatutoryAnswer | null; givenAt: string | null };

/**
 * The case page's consent, feedback and statutory sections. Feedback is the workers' alone: the
 * team lead sees the consents but `feedback` is null, with the API's reason.
 */
export function caseConsentsView(a: {
  organisations: { id: string; name: string }[];
  consents: Consent[];
  statutory: CaseStatutory[];
  feedback: { ok: true; data: Feedback[] } | { ok: false; problem: { detail: string } } | null;
  isWorker: boolean;
  now: Date;
}) {
  const messages = a.feedback?.ok ? a.feedback.data : null;
  const feedbackOrganisations = messages
    ? a.organisations
        .map((o) => {
          const covered = inOrder(a.consents.filter((k) => k.organisationId === o.id && k.status === 'active').flatMap((k) => k.scopes));
          return { id: o.id, name: o.name, threads: threadsOf(messages, o.id, o.name, covered, a.isWorker, a.now) };
        })
        .filter((o) => o.threads.length > 0)
    : [];
  return {
    consents: a.consents.map((c) => consentView(c, a.now)),
    // The choices of the forms, in words (the contracts stay on the server side).
    scopeOptions: consentScopeValues.map((value) => ({ value, label: scopeLabel(value) })),
    statutoryOptions: statutoryAnswerValues.map((value) => ({ value, label: t(`statutory.${value}`) })),
    feedback: messages ? { organisations: feedbackOrganisations } : null,
    feedbackRefused: a.feedback && !a.feedback.ok ? a.feedback.problem.detail : t('feedback.workersOnly'),
    statutory: a.statutory
      .filter((r) => r.reporter)
      .map((r) => ({
        organisationId: r.organisationId,
        organisationName: r.organisationName,
        given: r.status && r.givenAt ? statutoryText(r.status, r.givenAt, a.now) : null,
        fieldId: `statutory-${r.organisationId}`,
      })),
  };
}

const SCHOOL_ROLES: ReadonlySet<string> = new Set(feedbackReaderRoles);

/**
 * The places whose Återkoppling the person reads: where they are rektor or elevhälsa, and a
 * preschool unit's preschools (the unit's förskolechef speaks for them).
 */
export function feedbackPlaces(user: NonNullable<App.Locals['user']>, organisations: { id: string; name: string; kind: string; parentId: string | null }[]) {
  const own = new Set(user.memberships.filter((m) => m.organisationId && SCHOOL_ROLES.has(m.role)).map((m) => m.organisationId!));
  return organisations
    .filter((o) => own.has(o.id) || (o.parentId !== null && own.has(o.parentId)))
    .map((o) => ({ id: o.id, name: o.name, isUnit: o.kind === 'preschool_unit' }));
}

type InboxEntry = z.infer<typeof inboxEntrySchema>;
export const inboxSchema = z.array(inboxEntrySchema);

/** One case on the school's Återkoppling page, in words. */
export function inboxEntryView(e: InboxEntry, organisationId: string, now: Date) {
  const active = e.activeScopes.length > 0;
  return {
    caseId: e.caseId,
    label: e.label,
    // Messages are only reachable while a consent holds; after that not even the link remains.
    href: active ? `/aterkoppling/${e.caseId}?organisation=${organisationId}` : null,
    consent: active ? t('inbox.activeUntil', { date: e.activeUntil ? dayText(e.activeUntil, now) : '' }) : e.ended ? t('inbox.ended') : null,
    scopes: active ? t('inbox.scopes', { scopes: scopesText(e.activeScopes) }) : null,
    unread: !active ? null : e.unread === 0 ? t('inbox.noUnread') : e.unread === 1 ? t('inbox.unreadOne') : t('inbox.unread', { count: e.unread }),
    hasUnread: active && e.unread > 0,
    statutory: e.statutory ? t('inbox.statutory', { answer: t(`statutory.${e.statutory.status}`), date: instantDayText(e.statutory.givenAt, now) }) : null,
  };
}
