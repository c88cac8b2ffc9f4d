import type { caseEvents } from './schema/index.ts';

export type CaseStep = (typeof caseEvents.$inferInsert)['kind'];

/**
 * A case's path from the report on, drawn the way the pilot's figures go: one in ten not
 * investigated, three in four offered interventions accepted, most of those completed, every case
 * closed, and a check-in call after six in ten. Shared by seed:history and seed:city, so both
 * land near the pilot's figures. Dates may lie in the future: callers keep what has happened.
 */
export function drawCasePath(reported: string, rnd: () => number, addDays: (date: string, days: number) => string): [CaseStep, string][] {
  const steps: [CaseStep, string][] = [['report_received', reported]];
  const after = (from: string, min: number, spread: number) => addDays(from, min + Math.floor(rnd() * spread));
  const close = () => steps.push(['case_closed', after(steps.at(-1)![1], 5, 10)]);
  if (rnd() < 0.1) {
    steps.push(['investigation_not_opened', after(reported, 1, 5)]);
    close();
    return steps;
  }
  const opened = after(reported, 0, 3);
  const offered = after(opened, 14, 20);
  steps.push(['investigation_opened', opened], ['intervention_offered', offered]);
  if (rnd() < 0.76) {
    const yes = after(offered, 1, 4);
    const start = after(yes, 2, 7);
    steps.push(['intervention_accepted', yes], ['intervention_started', start]);
    if (rnd() < 0.88) steps.push(['intervention_completed', after(start, 60, 60)]);
  } else {
    steps.push(['intervention_declined', after(offered, 1, 4)]);
  }
  close();
  if (rnd() < 0.6) steps.push(['check_in_done', after(steps.at(-1)![1], 85, 20)]);
  return steps;
}
