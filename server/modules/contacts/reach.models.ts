// The one pure function behind a contact's status and the "reach someone now" list, given the
// instant. No clock, no database: tests travel in time by passing `at`.
import type { ContactStatus, ReachRoute } from '../../contracts/contacts.ts';
import { formatDate, formatRelativeDay, formatTime, stockholmDate } from '../../contracts/time.ts';
import { nextOpening, nextWorkingDay, officeWindow, type OfficeHours } from '../../lib/calendar.ts';

export type Period = { startsOn: string; endsOn: string };
export type Busy = { from: Date; until: Date; label: string };

export type PersonFacts = {
  userId: string;
  name: string;
  phone: string | null;
  absences: Period[];
  dutyDays: ReadonlySet<string>;
  busy: Busy[];
};

export type TeamFacts = {
  hours: OfficeHours;
  closedDays: ReadonlyMap<string, string>;
  dutyPhone: string | null;
  afterHoursName: string;
  afterHoursPhone: string | null;
  /** Who holds the duty phone on the day of `at`, if the roster names anyone. */
  dutyHolder: PersonFacts | null;
  /** What the date alone decides, worked out once per day for these facts (see teamDayMemo); without it, every answer works it out afresh. */
  memo?: TeamDayMemo;
};

export const EMERGENCY: ReachRoute = {
  kind: 'emergency',
  name: '112',
  phone: '112',
  reason: 'Ring 112 om någon är i akut fara.',
};

const absenceOn = (p: PersonFacts, date: string) => p.absences.find((a) => a.startsOn <= date && date <= a.endsOn);

/** The facts of the instant that every contact shares, computed once per answer. */
type Moment = {
  at: Date;
  today: string;
  open: boolean;
  closes: Date | null;
  opens: () => Date;
  afterHours: () => ContactStatus;
  /** "Borta till …" when the person is away today, else null. */
  away: (person: PersonFacts) => ContactStatus | null;
};

type Team = Pick<TeamFacts, 'hours' | 'closedDays' | 'memo'>;
/** What a date alone decides for a team: its office window, when the office opens after it, and who is away. */
type TeamDay = {
  window: ReturnType<typeof officeWindow>;
  opensAfter: Date | undefined;
  afterHours: Map<number, ContactStatus>;
  away: WeakMap<PersonFacts, ContactStatus | null>;
};

/**
 * What depends only on the date, kept with the team's facts: the contacts service keeps one facts
 * object per organisation and day, so each day's window and statuses are worked out once instead
 * of on every answer. It lives and dies with its facts object (a changed directory builds new
 * facts, and a new memo), and holds at most a week of days.
 */
export function teamDayMemo(maxDays = 7) {
  const days = new Map<string, TeamDay>();
  return {
    day(team: Team, today: string): TeamDay {
      let day = days.get(today);
      if (!day) {
        if (days.size >= maxDays) days.clear();
        day = { window: officeWindow(today, team.hours, team.closedDays), opensAfter: undefined, afterHours: new Map(), away: new WeakMap() };
        days.set(today, day);
      }
      return day;
    },
    get size() {
      return days.size;
    },
  };
}
export type TeamDayMemo = ReturnType<typeof teamDayMemo>;

function momentOf(team: Team, at: Date): Moment {
  const today = stockholmDate(at);
  const day = (team.memo ?? teamDayMemo()).day(team, today);
  const { window } = day;
  // Before today's opening it is today's; from then on the next working day's.
  const opens = () => (window && window.opens > at ? window.opens : (day.opensAfter ??= nextOpening(window?.opens ?? at, team.hours, team.closedDays)));
  return {
    at,
    today,
    open: window !== null && at >= window.opens && at < window.closes,
    closes: window?.closes ?? null,
    opens,
    // The same words for everyone who is free outside office hours.
    afterHours: () => {
      const next = opens();
      let status = day.afterHours.get(next.getTime());
      if (!status) {
        status = { kind: 'away', until: next.toISOString(), label: `Utanför kontorstid, nås ${formatRelativeDay(next, at)} kl. ${formatTime(next)}` };
        day.afterHours.set(next.getTime(), status);
      }
      return status;
    },
    away: (person) => {
      let status = day.away.get(person);
      if (status === undefined) day.away.set(person, (status = awayStatus(person, team, today)));
      return status;
    },
  };
}

export function contactStatus(person: PersonFacts, team: Team, at: Date): ContactStatus {
  return statusAt(person, momentOf(team, at));
}

/** Statuses of many people at one instant (the moment's facts are computed once). */
export function contactStatuses(people: PersonFacts[], team: Team, at: Date): ContactStatus[] {
  const moment = momentOf(team, at);
  return people.map((p) => statusAt(p, moment));
}

function awayStatus(person: PersonFacts, team: Pick<TeamFacts, 'closedDays'>, today: string): ContactStatus | null {
  const absence = absenceOn(person, today);
  if (!absence) return null;
  // Absences may follow each other; the person is back on the first working day after all.
  let back = nextWorkingDay(absence.endsOn, team.closedDays);
  for (let next = absenceOn(person, back); next; next = absenceOn(person, back)) back = nextWorkingDay(next.endsOn, team.closedDays);
  return { kind: 'away', until: back, label: `Borta till ${formatDate(back)}` };
}

function statusAt(person: PersonFacts, moment: Moment): ContactStatus {
  const { at, today, open } = moment;
  const away = moment.away(person);
  if (away) return away;
  if (open && person.dutyDays.has(today)) {
    return { kind: 'on_duty', until: moment.closes!.toISOString(), label: 'Har jourtelefonen i dag' };
  }
  const busy = person.busy.find((b) => b.from <= at && at < b.until);
  if (busy) return { kind: 'busy', until: busy.until.toISOString(), label: `${busy.label} till ${formatTime(busy.until)}` };
  if (!open) return moment.afterHours();
  return { kind: 'available', until: null, label: 'Ledig' };
}

export type ContactForReach = PersonFacts & { placeLabel: string; place: string | null };

/**
 * The ordered ways to reach the team now: available named contacts (in the order given, own
 * section first) → the duty phone in office hours → the after-hours service otherwise → 112.
 * Never empty, and 112 is always last.
 */
export function resolveReach(contacts: ContactForReach[], team: TeamFacts, at: Date): ReachRoute[] {
  const routes: ReachRoute[] = [];
  const moment = momentOf(team, at);
  const { open, today } = moment;
  if (open) {
    for (const c of contacts) {
      if (c.phone && statusAt(c, moment).kind === 'available') {
        routes.push({ kind: 'contact', name: c.name, phone: c.phone, reason: `${c.placeLabel} Ledig just nu.`, place: c.place });
      }
    }
    if (team.dutyPhone) {
      const holder = team.dutyHolder && !absenceOn(team.dutyHolder, today) ? team.dutyHolder : null;
      const closes = moment.closes!;
      routes.push({
        kind: 'duty_phone',
        name: holder?.name ?? null,
        phone: team.dutyPhone,
        // Honest on a day nobody holds it: it may ring unanswered, and the next step is named.
        reason: holder
          ? `Jourtelefonen svarar i dag till kl. ${formatTime(closes)}. ${holder.name} har den i dag.`
          : 'Ingen har jourtelefonen i dag, så det är inte säkert att någon svarar.',
        unstaffed: !holder,
        until: closes.toISOString(),
      });
    }
  }
  if (!open || !team.dutyPhone) {
    if (team.afterHoursPhone) {
      const opens = moment.opens();
      routes.push({
        kind: 'after_hours',
        name: team.afterHoursName,
        phone: team.afterHoursPhone,
        reason: open
          ? `${team.afterHoursName} tar emot akuta ärenden.`
          : `Kontoret är stängt. ${team.afterHoursName} tar emot akuta ärenden tills kontoret öppnar ${formatRelativeDay(opens, at)} kl. ${formatTime(opens)}.`,
        until: open ? null : opens.toISOString(),
      });
    }
  }
  routes.push(EMERGENCY);
  return routes;
}
