import type { PeriodBody } from '../../contracts/terms.ts';
import { isAdmin, type Actor } from '../../lib/access.ts';
import type { Clock } from '../../lib/clock.ts';
import { daySpan, stockholmDate } from '../../contracts/time.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import { termErrors } from './terms.errors.ts';
import type { TermsRepository, termsTransaction } from './terms.repository.ts';
import { oneByOne } from '../../lib/one-by-one.ts';

type Deps = {
  repo: TermsRepository;
  transaction: ReturnType<typeof termsTransaction>;
  organisations: Pick<OrganisationsService, 'requireVisible'>;
  clock: Clock;
};
type Period = NonNullable<Awaited<ReturnType<TermsRepository['find']>>>;

const schoolKinds = ['school', 'preschool', 'preschool_unit'];

/**
 * Terms and lov per school or preschool unit (a unit's are its preschools'), entered by the
 * principal or the administrator; a principal can make booking a walk-and-talk mandatory for a
 * term, see who has booked and who not yet, and remind those who have not, in the portal.
 */
export function createTermsService({ repo, transaction, organisations, clock }: Deps) {
  /** The principal of the organisation or of its unit, or the administrator. */
  async function requireManager(actor: Actor, organisationId: string) {
    const scope = await organisations.requireVisible(actor, organisationId);
    if (!schoolKinds.includes(scope.kind)) throw termErrors.notSchool();
    const principal = actor.memberships.some((m) => m.role === 'principal' && (m.organisationId === scope.id || (scope.parentId !== null && m.organisationId === scope.parentId)));
    if (!principal && !isAdmin(actor)) throw termErrors.notPrincipal();
    return scope;
  }

  async function managedPeriod(actor: Actor, id: string) {
    const period = await repo.find(id);
    if (!period) throw termErrors.notFound();
    const scope = await requireManager(actor, period.organisationId).catch((err) => {
      throw err.code === 'not_found' ? termErrors.notFound() : err;
    });
    return { period, scope };
  }

  /** Who is expected to book: the pedagogues of a unit's preschools, per preschool, or of a school or preschool, per section. */
  async function coverageOf(repo: TermsRepository, period: Period, scope: { id: string; kind: string }) {
    const groupsOrgs = scope.kind === 'preschool_unit' ? await repo.children(scope.id) : [{ id: scope.id, name: '' }];
    const people = await repo.pedagogues(groupsOrgs.map((o) => o.id));
    const { start, end } = daySpan(period.startsOn, period.endsOn);
    const [booked, reminders] = await oneByOne([() => repo.bookedBetween([...new Set(people.map((p) => p.userId))], start, end), () => repo.openReminders(period.id)] as const);
    const remindedAt = new Map(reminders.map((r) => [r.userId, r.sentAt]));
    const groupKey = (p: (typeof people)[number]) => (scope.kind === 'preschool_unit' ? groupsOrgs.find((o) => o.id === p.organisationId)!.name : (p.sectionName ?? 'Utan arbetslag'));
    const order = scope.kind === 'preschool_unit' ? groupsOrgs.map((o) => o.name) : [...new Set(people.sort((a, b) => (a.sectionOrder ?? 99) - (b.sectionOrder ?? 99)).map(groupKey))];
    const groups = order.map((name) => {
      const members = new Map(people.filter((p) => groupKey(p) === name).map((p) => [p.userId, p]));
      return {
        name,
        pedagogues: [...members.values()].sort((a, b) => a.name.localeCompare(b.name, 'sv')).map((p) => ({ userId: p.userId, name: p.name, organisationId: p.organisationId!, booked: booked.has(p.userId), remindedAt: remindedAt.get(p.userId)?.toISOString() ?? null })),
      };
    });
    return groups.filter((g) => g.pedagogues.length > 0);
  }

  return {
    async list(actor: Actor, organisationId: string) {
      const scope = await organisations.requireVisible(actor, organisationId);
      const rows = await repo.periodsOf(scope.id, scope.parentId);
      const own = rows.filter((r) => r.organisationId === scope.id);
      // A preschool without its own terms follows its unit's.
      return (own.length > 0 ? own : rows).map((r) => ({ ...r, inherited: r.organisationId !== scope.id }));
    },

    async create(actor: Actor, organisationId: string, body: PeriodBody) {
      await requireManager(actor, organisationId);
      return transaction(async (tx) => {
        if (body.kind === 'term') {
          const clash = await tx.overlappingTerm(organisationId, body.startsOn, body.endsOn);
          if (clash) throw termErrors.overlap(clash);
        }
        return { id: await tx.insert({ organisationId, ...body }) };
      });
    },

    async setBookingRequired(actor: Actor, id: string, required: boolean) {
      const { period } = await managedPeriod(actor, id);
      if (period.kind !== 'term') throw termErrors.notTerm();
      await repo.setBookingRequired(id, required);
      return { id, bookingRequired: required };
    },

    async remove(actor: Actor, id: string) {
      await managedPeriod(actor, id);
      await repo.remove(id);
    },

    /** Per preschool (or section), which pedagogues have booked a walk-and-talk in the term and which not yet. */
    async coverage(actor: Actor, id: string) {
      const { period, scope } = await managedPeriod(actor, id);
      const groups = await coverageOf(repo, period, scope);
      return {
        periodId: period.id,
        name: period.name,
        startsOn: period.startsOn,
        endsOn: period.endsOn,
        bookingRequired: period.bookingRequired,
        groups: groups.map((g) => ({ name: g.name, pedagogues: g.pedagogues.map(({ organisationId: _o, ...p }) => p) })),
      };
    },

    /** A reminder in the portal to those who have not booked yet (all, or the chosen ones); never twice while one is open. */
    async remind(actor: Actor, id: string, userIds?: string[]) {
      const { period, scope } = await managedPeriod(actor, id);
      if (!period.bookingRequired) throw termErrors.notRequired();
      if (period.endsOn < stockholmDate(clock.now())) throw termErrors.over();
      return transaction(async (tx) => {
        const everyone = (await coverageOf(tx, period, scope)).flatMap((g) => g.pedagogues);
        if (userIds && !userIds.every((u) => everyone.some((p) => p.userId === u))) throw termErrors.notPedagogue();
        const due = everyone.filter((p) => !p.booked && (!userIds || userIds.includes(p.userId)));
        const fresh = due.filter((p) => p.remindedAt === null);
        const now = clock.now();
        await tx.insertReminders(fresh.map((p) => ({ userId: p.userId, organisationId: p.organisationId, periodId: period.id, sentBy: actor.userId, sentAt: now })));
        return { sent: fresh.length, alreadyReminded: due.length - fresh.length };
      });
    },

    /** The signed-in person's reminders that still matter: the term is running and they have not booked. */
    async mine(actor: Actor) {
      const today = stockholmDate(clock.now());
      const rows = (await repo.remindersOf(actor.userId)).filter((r) => r.endsOn >= today);
      const shown = [];
      for (const r of rows) {
        const { start, end } = daySpan(r.startsOn, r.endsOn);
        if ((await repo.bookedBetween([actor.userId], start, end)).size === 0) shown.push(r);
      }
      return shown.map((r) => ({ id: r.id, periodName: r.periodName, endsOn: r.endsOn, organisationName: r.organisationName, sentByName: r.sentByName, sentAt: r.sentAt.toISOString() }));
    },

    async dismiss(actor: Actor, id: string) {
      if (!(await repo.dismiss(id, actor.userId, clock.now()))) throw termErrors.reminderNotFound();
    },
  };
}

export type TermsService = ReturnType<typeof createTermsService>;
