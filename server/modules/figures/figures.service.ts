import type { FigureScopeChoice, Figures, FiguresQuery, Metric } from '../../contracts/figures.ts';
import { daySpan, stockholmDate } from '../../contracts/time.ts';
import { administeredDistricts, isAdmin, memberOfTeam, organisationIdsOf, teamRoles, type Actor } from '../../lib/access.ts';
import { errors } from '../../lib/errors.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Tenancy } from '../../lib/tenancy.ts';
import type { FiguresConsentedRepository } from './figures.consented.repository.ts';
import { count, mean, median, share } from './figures.models.ts';
import type { FigureScope, FiguresRepository } from './figures.repository.ts';

const notFound = () => errors.notFound('Det finns inga siffror att visa för det du valde, eller så har du inte tillgång till dem.');

/**
 * The figures the evaluation measured (seed report, chapter 5), over a period, for a team, a
 * district or an organisation: each computed from the activity in Samverkan, small numbers hidden.
 */
type Consented = <T>(tenancy: Tenancy, work: (repo: FiguresConsentedRepository) => Promise<T>) => Promise<T>;

export function createFiguresService({ repo, consented, clock }: { repo: FiguresRepository; consented: Consented; clock: Clock }) {
  const inDistrict = (actor: Actor, districtId: string | null) => isAdmin(actor) || (districtId !== null && (administeredDistricts(actor) as string[]).includes(districtId));

  /** What the actor asked for, if they may see it: the scope and its name in words. */
  async function scopeFor(actor: Actor, q: FiguresQuery): Promise<{ scope: FigureScope; label: string }> {
    const teamScope = async (teamId: string) => ({ scope: { teamIds: [teamId], orgIds: await repo.servedBy(teamId) }, label: 'team' });
    if (q.organisationId) {
      const org = await repo.organisation(q.organisationId);
      if (!org) throw notFound();
      const speaksFor = actor.memberships.some((m) => m.role === 'principal' && m.organisationId === org.id);
      const mayRead = inDistrict(actor, org.districtId) || (org.servingTeamId !== null && memberOfTeam(actor, org.servingTeamId)) || speaksFor || (org.kind === 'social_services' && memberOfTeam(actor, org.id));
      if (!mayRead) throw notFound();
      if (org.kind === 'social_services') return teamScope(org.id);
      // A preschool unit's figures are its preschools' too.
      return { scope: { orgIds: await repo.withPreschools(org.id), teamIds: null }, label: 'organisation' };
    }
    if (q.teamId) {
      const team = await repo.organisation(q.teamId);
      if (!team || team.kind !== 'social_services' || !(inDistrict(actor, team.districtId) || memberOfTeam(actor, team.id))) throw notFound();
      return teamScope(team.id);
    }
    if (q.districtId) {
      if (!inDistrict(actor, q.districtId)) throw notFound();
      return districtScope(q.districtId);
    }
    // Nothing chosen: the actor's own team, organisation or district; the whole installation for the administrator.
    const team = organisationIdsOf(actor, teamRoles)[0];
    if (team) return teamScope(team);
    const own = actor.memberships.find((m) => m.role === 'principal' && m.organisationId);
    if (own) return scopeFor(actor, { ...q, organisationId: own.organisationId! });
    const district = actor.memberships.find((m) => m.role === 'district_admin' && m.districtId);
    if (district) return districtScope(district.districtId!);
    if (isAdmin(actor)) return { scope: { orgIds: null, teamIds: null }, label: 'all' };
    throw notFound();
  }

  async function districtScope(districtId: string) {
    const [orgIds, teamIds] = await Promise.all([repo.inDistrict(districtId), repo.inDistrict(districtId, true)]);
    return { scope: { orgIds, teamIds }, label: 'district' };
  }

  return {
    /** What the actor may choose between: their districts, teams and organisations, by name. */
    async scopes(actor: Actor): Promise<FigureScopeChoice[]> {
      const administered = isAdmin(actor) ? 'all' : (administeredDistricts(actor) as string[]);
      const teamIds = organisationIdsOf(actor, teamRoles);
      const principalOf = actor.memberships.filter((m) => m.role === 'principal' && m.organisationId).map((m) => m.organisationId!);
      // The administrator chooses by district and team: every organisation of the city would be too long a list.
      const districtIds = administered === 'all' ? [] : administered;
      const [districtRows, orgs] = await Promise.all([
        administered === 'all' || administered.length ? repo.districts(administered) : [],
        repo.named({
          districtIds: districtIds.length ? districtIds : undefined,
          servedBy: teamIds.length ? teamIds : undefined,
          ids: [...teamIds, ...principalOf, ...(administered === 'all' ? await repo.teams() : [])],
        }),
      ]);
      const seen = new Set<string>();
      return [
        ...districtRows.map((d) => ({ kind: 'district' as const, id: d.id, name: d.name })),
        ...orgs.filter((o) => o.kind === 'social_services').map((o) => ({ kind: 'team' as const, id: o.id, name: o.name })),
        ...orgs.filter((o) => o.kind !== 'social_services').map((o) => ({ kind: 'organisation' as const, id: o.id, name: o.name })),
      ].filter((c) => !seen.has(c.id) && (seen.add(c.id), true));
    },

    async figures(actor: Actor, q: FiguresQuery): Promise<Figures> {
      const { scope, label } = await scopeFor(actor, q);
      const { start, end } = daySpan(q.from, q.to);
      const now = clock.now();
      const today = stockholmDate(now);
      // Consents count as they stand at the period's end, or today while it lasts.
      const consentDay = q.to < today ? q.to : today;
      // After the scope is decided and authorised: the teams whose rows the figures may count.
      const tenancy: Tenancy = { teamIds: scope.teamIds ?? (await repo.teams()), schoolOrganisationIds: [], now, today };
      const [consultations, meetings, opened, paths, consentSide] = await Promise.all([
        repo.consultations(scope, start, end),
        repo.reportMeetings(scope, start, end),
        repo.casesOpened(scope, start, end),
        repo.paths(scope, q.from, q.to),
        consented(tenancy, async (tx) => ({
          statutory: await tx.statutoryFeedback(scope, start, end),
          activeConsents: await tx.activeConsents(scope, consentDay, daySpan(consentDay, consentDay).end),
          feedback: await tx.feedback(scope, start, end),
        })),
      ]);
      const { statutory, activeConsents, feedback } = consentSide;
      const held = meetings.filter((m) => m.status === 'held');
      const within = (d: string | null) => d !== null && d >= q.from && d <= q.to;
      const decided = paths.filter((p) => within(p.accepted) || within(p.declined));
      const accepted = decided.filter((p) => p.accepted !== null);
      const started = paths.filter((p) => within(p.started) && p.accepted !== null);
      // An intervention ends completed, or with the case closed before it was.
      const ended = paths.filter((p) => p.started !== null && (within(p.completed) || (p.completed === null && within(p.closed))));
      const workersMet = opened.map((c) => c.workersMet);
      const withoutHandover = opened.filter((c) => c.keptResponsible);

      const metrics: Metric[] = [
        { key: 'consultations', label: 'Walk-and-talk-konsultationer', value: count(consultations), unit: 'count' },
        { key: 'report_meetings', label: 'Anmälningsmöten', value: count(meetings.length), unit: 'count' },
        { key: 'days_report_to_first_meeting_median', label: 'Dagar från begäran till anmälningsmöte (median)', value: median(meetings.map((m) => m.days)), unit: 'days' },
        { key: 'share_report_meetings_two_workers', label: 'Anmälningsmöten med två socialsekreterare', value: share(held.filter((m) => m.workers >= 2).length, held.length), unit: 'percent' },
        { key: 'cases_opened', label: 'Ärenden som öppnades', value: count(opened.length), unit: 'count' },
        { key: 'social_workers_met_per_family_mean', label: 'Socialsekreterare per familj (medel)', value: mean(workersMet), unit: 'people', reference: { pilot: 2, ordinary: 4.3 } },
        { key: 'share_cases_without_handover', label: 'Ärenden utan byte av ansvarig', value: share(withoutHandover.length, opened.length), unit: 'percent', reference: { pilot: 87, ordinary: 33 } },
        { key: 'share_interventions_accepted', label: 'Erbjudna insatser som familjen tackade ja till', value: share(accepted.length, decided.length), unit: 'percent', reference: { pilot: 76, ordinary: 48 } },
        { key: 'days_decision_to_start_median', label: 'Dagar från ja till att insatsen började (median)', value: median(started.map((p) => p.daysToStart!)), unit: 'days', reference: { pilot: 5, ordinary: 33 } },
        { key: 'statutory_feedback_sent', label: 'Återkopplingar till anmälare', value: count(statutory.length), unit: 'count' },
        { key: 'statutory_feedback_days_median', label: 'Dagar från anmälan till återkoppling (median)', value: median(statutory.map((f) => f.days)), unit: 'days' },
        { key: 'active_consents', label: `Samtycken som gällde ${consentDay}`, value: count(activeConsents), unit: 'count' },
        { key: 'feedback_messages', label: 'Återkopplingar under samtycke', value: count(feedback.written), unit: 'count' },
        { key: 'share_feedback_acknowledged', label: 'Återkopplingar som mottagaren kvitterade', value: share(feedback.acknowledged, feedback.written), unit: 'percent' },
        { key: 'share_interventions_completed', label: 'Insatser som genomfördes som planerat', value: share(ended.filter((p) => p.completed !== null).length, ended.length), unit: 'percent', reference: { pilot: 88, ordinary: 59 } },
      ];
      return { from: q.from, to: q.to, scope: label, metrics };
    },
  };
}

export type FiguresService = ReturnType<typeof createFiguresService>;
