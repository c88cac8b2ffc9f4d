import type { Tx } from '../client.ts';
import { insertRows, type Value } from './bulk.ts';
import type { CityDirectory, CityOrg, Person } from './directory.ts';
import { familyLabel, staffVisitLabels } from './names.ts';
import type { CityPlan } from './plan.ts';
import type { PlannedMeeting } from './schedule.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

const AGE_BY_SECTION: Record<string, string> = { 'F–3': '6-9', '4–6': '10-12', '7–9': '13-15' };

/** Who asks for an organisation's meetings: a school's principal or elevhälsa, a preschool's unit leadership. */
function requesterOf(plan: CityPlan, directory: CityDirectory, org: CityOrg, index: number): Person {
  if (org.kind === 'preschool') return directory.orgs[plan.parentOf(org.index)!]!.principal!;
  return index % 3 === 0 && org.pupilHealth ? org.pupilHealth : org.principal!;
}

/**
 * The year's meetings as schools and preschools asked for them, in every state: held or not held
 * before today, requested, scheduled or cancelled after. Labels are pseudonyms as the form asks
 * ("Elev KD, åk 5"); a staff visit is about no family. Returns each meeting's label, for the cases.
 */
export async function writeMeetings(tx: Tx, plan: CityPlan, directory: CityDirectory, meetings: PlannedMeeting[]) {
  const labels: string[] = [];
  const rows: Value[][] = meetings.map((m) => {
    const family = m.type !== 'staff_visit';
    const section = m.org.sections.length ? m.org.sections[m.index % m.org.sections.length]!.name : undefined;
    const label = family ? familyLabel(m.index, m.org.kind === 'preschool' ? 'preschool' : 'school', section) : staffVisitLabels[m.index % staffVisitLabels.length]!;
    labels.push(label);
    const requester = requesterOf(plan, directory, m.org, m.index);
    const hasTime = m.status === 'scheduled' || m.status === 'held' || m.status === 'not_held';
    const done = m.status === 'held' || m.status === 'not_held';
    const createdAt = new Date(m.startsAt.getTime() - (3 + (m.index % 7)) * DAY - 2 * HOUR);
    const scheduledAt = hasTime ? new Date(createdAt.getTime() + DAY) : null;
    const ageBand = !family ? null : m.org.kind === 'preschool' ? (m.index % 2 ? '3-5' : '0-2') : (AGE_BY_SECTION[section ?? ''] ?? '10-12');
    const notes =
      m.status === 'held'
        ? m.type === 'report_meeting'
          ? 'Båda vårdnadshavarna var med. Anmälan lämnades på mötet.'
          : 'Mötet hölls som planerat.'
        : m.status === 'not_held'
          ? 'Vårdnadshavaren kom inte. Ny tid bokas.'
          : null;
    return [
      m.id,
      m.type,
      m.org.id,
      directory.teams[m.team]!.id,
      requester.id,
      label,
      ageBand,
      m.index % 15 === 0 ? 'urgent' : 'normal',
      family,
      m.type === 'report_meeting' ? true : null,
      m.index % 11 === 0 ? 'digital' : m.index % 6 === 0 ? 'office' : 'school',
      JSON.stringify([{ startsAt: m.startsAt.toISOString(), endsAt: m.endsAt.toISOString() }]),
      m.status,
      hasTime ? m.startsAt : null,
      hasTime ? m.endsAt : null,
      m.status === 'cancelled' ? 1 : 0,
      m.status === 'cancelled' ? 'Familjen har flyttat från kommunen.' : null,
      m.type === 'report_meeting' && m.workers.length === 1 ? 'Brådskande, ingen annan ledig.' : null,
      m.status === 'cancelled' ? requester.id : null,
      m.status === 'held' && m.type === 'report_meeting' ? true : null,
      notes,
      done ? m.workers[0]!.id : null,
      family ? null : 'Hela personalgruppen',
      createdAt,
      scheduledAt,
      done ? new Date(m.endsAt.getTime() + HOUR) : (scheduledAt ?? createdAt),
    ];
  });
  await insertRows(
    tx,
    'meetings',
    [
      ['id', 'uuid'], ['type', 'text'], ['organisation_id', 'uuid'], ['team_id', 'uuid'], ['requested_by', 'uuid'], ['label', 'text'], ['age_band', 'text'],
      ['urgency', 'text'], ['guardians_informed', 'bool'], ['guardians_attending', 'bool'], ['place', 'text'], ['proposed_times', 'text', 'jsonb'], ['status', 'text'],
      ['starts_at', 'timestamptz'], ['ends_at', 'timestamptz'], ['sequence', 'int4'], ['change_reason', 'text'], ['single_worker_reason', 'text'], ['cancelled_by', 'uuid'],
      ['report_filed', 'bool'], ['outcome_notes', 'text'], ['outcome_by', 'uuid'], ['audience', 'text'], ['created_at', 'timestamptz'], ['scheduled_at', 'timestamptz'], ['updated_at', 'timestamptz'],
    ],
    rows,
  );
  const sitting = meetings.flatMap((m) => m.workers.map((w): Value[] => [m.id, w.id, m.startsAt, m.endsAt]));
  await insertRows(tx, 'meeting_workers', [['meeting_id', 'uuid'], ['user_id', 'uuid'], ['starts_at', 'timestamptz'], ['ends_at', 'timestamptz']], sitting);
  return { labels, counts: { meetings: rows.length, meetingWorkers: sitting.length } };
}
