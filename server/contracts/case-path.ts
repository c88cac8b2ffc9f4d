import { calendarDate } from './dates.ts';
import { z } from './zod.ts';

/** The steps of a case's path, in the order the evaluation measured them (report section 5). */
export const caseEventKinds = [
  'report_received',
  'investigation_opened',
  'investigation_not_opened',
  'intervention_offered',
  'intervention_accepted',
  'intervention_declined',
  'intervention_started',
  'intervention_completed',
  'case_closed',
  'check_in_done',
] as const;
export type CaseEventKind = (typeof caseEventKinds)[number];

export const caseEventKindNames: Record<CaseEventKind, string> = {
  report_received: 'Anmälan kom in',
  investigation_opened: 'Utredning inleddes',
  investigation_not_opened: 'Ingen utredning inleddes',
  intervention_offered: 'Insats erbjöds',
  intervention_accepted: 'Familjen tackade ja',
  intervention_declined: 'Familjen tackade nej',
  intervention_started: 'Insatsen började',
  intervention_completed: 'Insatsen avslutades som planerat',
  case_closed: 'Ärendet avslutades',
  check_in_done: 'Uppföljande samtal gjort',
};

export const caseEventBody = z.object({ kind: z.enum(caseEventKinds, { message: 'Välj ett steg.' }), on: calendarDate }).strict();
export type CaseEventBody = z.infer<typeof caseEventBody>;

export const caseEventSchema = z.object({ kind: z.enum(caseEventKinds), on: z.string() }).meta({ id: 'CaseEvent' });
export type CaseEvent = z.infer<typeof caseEventSchema>;

export const workerPeriodSchema = z
  .object({ userId: z.string(), name: z.string(), responsible: z.boolean(), from: z.string(), until: z.string().nullable() })
  .meta({ id: 'WorkerPeriod' });
export type WorkerPeriod = z.infer<typeof workerPeriodSchema>;

/**
 * What must have happened before each step. A step happens once; of two alternatives (opened or
 * not, accepted or declined) only one; after the case is closed only the check-in call.
 */
const requires: Record<CaseEventKind, CaseEventKind | null> = {
  report_received: null,
  investigation_opened: 'report_received',
  investigation_not_opened: 'report_received',
  intervention_offered: 'investigation_opened',
  intervention_accepted: 'intervention_offered',
  intervention_declined: 'intervention_offered',
  intervention_started: 'intervention_accepted',
  intervention_completed: 'intervention_started',
  case_closed: 'report_received',
  check_in_done: 'case_closed',
};
const excludes: Partial<Record<CaseEventKind, CaseEventKind>> = {
  investigation_opened: 'investigation_not_opened',
  investigation_not_opened: 'investigation_opened',
  intervention_accepted: 'intervention_declined',
  intervention_declined: 'intervention_accepted',
};
const names = caseEventKindNames;
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** Why a step cannot be recorded: the field at fault and a Swedish sentence saying what to do. */
export type PathProblem = { field: 'kind' | 'on'; message: string };

/**
 * Why the step cannot be recorded on the case as it stands, or null when it can. `today` is the
 * Stockholm date: nothing is recorded in the future.
 */
export function pathProblem(events: readonly CaseEvent[], next: CaseEventBody, today: string): PathProblem | null {
  const at = new Map(events.map((e) => [e.kind, e.on]));
  const kind = (message: string) => ({ field: 'kind' as const, message });
  if (next.on > today) return { field: 'on', message: 'Datumet ligger i framtiden. Registrera steget när det har hänt.' };
  if (at.has(next.kind)) return kind(`”${names[next.kind]}” är redan registrerat (${at.get(next.kind)}).`);
  const other = excludes[next.kind];
  if (other && at.has(other)) return kind(`”${names[other]}” är redan registrerat, så ”${lower(names[next.kind])}” kan inte också gälla.`);
  if (at.has('case_closed') && next.kind !== 'check_in_done') return kind(`Ärendet är avslutat (${at.get('case_closed')}). Efter det registreras bara det uppföljande samtalet.`);
  const before = requires[next.kind];
  if (before && !at.has(before)) return kind(`”${names[before]}” måste registreras före ”${lower(names[next.kind])}”.`);
  if (before && next.on < at.get(before)!) return { field: 'on', message: `”${names[next.kind]}” kan inte ha skett före ”${lower(names[before])}” (${at.get(before)}).` };
  return null;
}

/** The steps that may come next, in path order (for the form's choices). */
export function nextSteps(events: readonly CaseEvent[]): CaseEventKind[] {
  // Asked on the last possible day, only the order can stand in the way.
  const far = '2100-12-31';
  return caseEventKinds.filter((kind) => pathProblem(events, { kind, on: far }, far) === null);
}
