import type { Roster } from '../../contracts/roster.ts';
import { requireAccess, type Actor } from '../../lib/access.ts';
import { dayRule } from '../../lib/calendar.ts';
import type { Clock } from '../../lib/clock.ts';
import { addDays, monthEnd, stockholmDate } from '../../contracts/time.ts';
import { scheduleErrors } from '../schedule/schedule.errors.ts';
import { rosterErrors } from './roster.errors.ts';
import type { RosterRepository } from './roster.repository.ts';

type Deps = {
  repo: RosterRepository;
  transaction: <T>(work: (repo: RosterRepository) => Promise<T>) => Promise<T>;
  clock: Clock;
};

const GAP_HORIZON_DAYS = 31;

export function createRosterService({ repo, transaction, clock }: Deps) {
  /** Checks a holder for a day; run inside the transaction that writes it. */
  async function checkHolder(tx: RosterRepository, teamId: string, date: string, userId: string) {
    const schedule = await tx.schedule.claim({ people: [userId], from: date, until: date });
    const rule = dayRule(date, schedule.closedDays);
    if (rule.closed) throw rosterErrors.closedDay(date, rule.name);
    const worker = (await tx.schedule.socialWorkers(teamId)).find((w) => w.userId === userId);
    if (!worker) throw rosterErrors.notAWorker();
    if (schedule.absences.length) throw rosterErrors.absent(worker.name, date);
    const [busy] = schedule.commitments;
    if (busy) throw scheduleErrors.busy(worker.name, busy, 'ha jourtelefonen den dagen');
  }

  return {
    async month(actor: Actor, teamId: string, month?: string): Promise<Roster> {
      requireAccess(actor, 'team:read', { teamId });
      const today = stockholmDate(clock.now());
      const first = `${month ?? today.slice(0, 7)}-01`;
      const last = monthEnd(first);
      const horizon = addDays(today, GAP_HORIZON_DAYS);
      const from = first < today ? first : today;
      const to = last > horizon ? last : horizon;

      const [rows, workers, closed] = await Promise.all([repo.between(teamId, from, to), repo.schedule.socialWorkers(teamId), repo.schedule.closedDays()]);
      const away = await repo.schedule.absences([...new Set(rows.map((r) => r.userId))], from, to);
      const closedMap = new Map(closed.map((c) => [c.day, c.name]));
      const byDay = new Map(rows.map((r) => [r.day, r]));

      const dayOf = (date: string) => {
        const rule = dayRule(date, closedMap);
        const row = byDay.get(date);
        const absent = !!row && away.some((a) => a.userId === row.userId && a.startsOn <= date && date <= a.endsOn);
        const holder = row ? { userId: row.userId, name: row.name, absent } : null;
        return { date, closedReason: rule.closed ? rule.name : null, holder, gap: !rule.closed && date >= today && (!holder || absent) };
      };
      const days = [];
      for (let d = first; d <= last; d = addDays(d, 1)) days.push(dayOf(d));
      const upcomingGaps = [];
      for (let d = today; d <= horizon; d = addDays(d, 1)) if (dayOf(d).gap) upcomingGaps.push(d);
      return { teamId, month: first.slice(0, 7), days, upcomingGaps, workers };
    },

    async setHolder(actor: Actor, teamId: string, date: string, userId: string) {
      requireAccess(actor, 'team:manage', { teamId });
      await transaction(async (tx) => {
        await tx.lockDays(teamId, [date]);
        await checkHolder(tx, teamId, date, userId);
        await tx.setHolder(teamId, date, userId);
      });
    },

    async clearHolder(actor: Actor, teamId: string, date: string) {
      requireAccess(actor, 'team:manage', { teamId });
      await repo.clearHolder(teamId, date);
    },

    /** Two workers trade days: both changes or neither. */
    async swap(actor: Actor, teamId: string, first: string, second: string) {
      requireAccess(actor, 'team:manage', { teamId });
      await transaction(async (tx) => {
        const rows = await tx.lockDays(teamId, [first, second]);
        const a = rows.find((r) => r.day === first);
        const b = rows.find((r) => r.day === second);
        if (!a) throw rosterErrors.nothingToSwap(first);
        if (!b) throw rosterErrors.nothingToSwap(second);
        await checkHolder(tx, teamId, first, b.userId);
        await checkHolder(tx, teamId, second, a.userId);
        await tx.setHolder(teamId, first, b.userId);
        await tx.setHolder(teamId, second, a.userId);
      });
    },
  };
}

export type RosterService = ReturnType<typeof createRosterService>;
