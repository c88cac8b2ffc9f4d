import type { Contact, ReachRoute } from '../../contracts/contacts.ts';
import { directoryVersionOf, type Actor } from '../../lib/access.ts';
import type { Clock } from '../../lib/clock.ts';
import { photoUrl } from '../../lib/photos.ts';
import { daySpan, stockholmDate } from '../../contracts/time.ts';
import { versionedCache } from '../../lib/versioned-cache.ts';
import type { OrganisationsService, VisibleOrganisation as Scope } from '../organisations/organisations.service.ts';
import { contactStatuses, resolveReach, teamDayMemo, type ContactForReach, type PersonFacts, type TeamFacts } from './reach.models.ts';
import type { AbsencePeriod, BusyPeriod, ContactsRepository, StockholmDay } from './contacts.repository.ts';

type Deps = {
  repo: ContactsRepository;
  organisations: Pick<OrganisationsService, 'requireVisible'>;
  clock: Clock;
};

const DEFAULT_HOURS = { opens: '08:00', closes: '16:30' };

export function createContactsService({ repo, organisations, clock }: Deps) {
  /**
   * What an organisation's contacts and reach rest on for one Stockholm day, ready for the pure
   * status and reach functions: no actor and no instant in it, so it can be kept.
   */
  async function loadDay(place: Scope, date: string) {
    const { start, end } = daySpan(date, date);
    const day: StockholmDay = { date, from: start, until: end };
    const teamId = place.kind === 'social_services' ? place.id : place.servingTeamId;
    // A preschool's contacts include those named for its whole preschool unit, and a unit's
    // include those named for each of its preschools (the förskolechef reaches them all).
    const places = place.parentId ? [place.id, place.parentId] : place.kind === 'preschool_unit' ? [place.id, ...(await repo.childrenOf(place.id))] : [place.id];
    const [rows, teamDay, closed] = await Promise.all([
      repo.activeAssignments(places, day),
      teamId ? repo.teamDay(teamId, day) : undefined,
      repo.closedDays(),
    ]);

    const person = (userId: string, name: string, phone: string | null, absences: AbsencePeriod[], busy: BusyPeriod[]): PersonFacts => ({
      userId,
      name,
      phone,
      absences,
      dutyDays: new Set(teamDay?.holderId === userId ? [date] : []),
      busy: busy.map((b) => ({ from: new Date(b.from), until: new Date(b.until), label: b.label })),
    });
    const team: TeamFacts = {
      hours: teamDay ? { opens: teamDay.officeOpens, closes: teamDay.officeCloses } : DEFAULT_HOURS,
      closedDays: new Map(closed.map((c) => [c.day, c.name])),
      dutyPhone: teamDay?.dutyPhone ?? null,
      afterHoursName: teamDay?.afterHoursName ?? 'Socialjouren',
      afterHoursPhone: teamDay?.afterHoursPhone ?? null,
      dutyHolder: teamDay?.holderId ? person(teamDay.holderId, teamDay.holderName!, teamDay.holderPhone, teamDay.holderAbsences, teamDay.holderBusy) : null,
      memo: teamDayMemo(),
    };
    // At a unit, a preschool's contact says which preschool (and section) they are for.
    const placeName = (a: (typeof rows)[number]) => (place.kind === 'preschool_unit' && a.organisationId !== place.id ? [a.organisationName, a.sectionName].filter(Boolean).join(', ') : a.sectionName);
    const assignments = rows.map((a) => {
      const named = placeName(a);
      return {
        sectionId: a.sectionId,
        facts: { ...person(a.userId, a.name, a.phone, a.absences, a.busy), placeLabel: `Kontaktperson${named ? ` för ${named}` : ''}.`, place: named || null } satisfies ContactForReach,
        card: {
          userId: a.userId,
          name: a.name,
          title: a.title,
          phone: a.phone,
          email: a.email,
          photoUrl: photoUrl(a.userId, a.photoVersion),
          organisationId: a.organisationId,
          sectionId: a.sectionId,
          sectionName: named,
        },
      };
    });
    return { assignments, team };
  }
  // Read on every start page and every "Nå någon nu": the day is kept until the change count of
  // the organisation's team, read with the session, moves (a change is seen the moment it commits).
  const days = versionedCache<Awaited<ReturnType<typeof loadDay>>>();

  /** The organisation's day, with the actor's own section first, then the whole organisation's, then the rest. */
  async function dayFor(actor: Actor, organisationId: string, at: Date) {
    const place = await organisations.requireVisible(actor, organisationId);
    const date = stockholmDate(at);
    const { assignments, team } = await days.get(directoryVersionOf(actor, place), `${organisationId} ${date}`, () => loadDay(place, date));
    const ownSections = new Set(actor.memberships.filter((m) => m.organisationId === organisationId).map((m) => m.sectionId));
    const rank = (a: (typeof assignments)[number]) => (a.sectionId && ownSections.has(a.sectionId) ? 0 : a.sectionId ? 2 : 1);
    const ordered = assignments.map((a, i) => ({ a, i })).sort((x, y) => rank(x.a) - rank(y.a) || x.i - y.i).map((x) => x.a);
    return { ordered, team };
  }

  return {
    async listContacts(actor: Actor, organisationId: string): Promise<Contact[]> {
      const at = clock.now();
      const { ordered, team } = await dayFor(actor, organisationId, at);
      const statuses = contactStatuses(ordered.map((a) => a.facts), team, at);
      return ordered.map((a, i) => ({ ...a.card, status: statuses[i]! }));
    },

    async reach(actor: Actor, organisationId: string, at: Date = clock.now()): Promise<{ at: string; routes: ReachRoute[] }> {
      const { ordered, team } = await dayFor(actor, organisationId, at);
      const seen = new Set<string>();
      const contacts = ordered.filter((a) => !seen.has(a.facts.userId) && seen.add(a.facts.userId)).map((a) => a.facts);
      return { at: at.toISOString(), routes: resolveReach(contacts, team, at) };
    },
  };
}

export type ContactsService = ReturnType<typeof createContactsService>;
