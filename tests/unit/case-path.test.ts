import { describe, expect, test } from 'vitest';
import { caseEventKindValues } from '../../db/schema/cases.ts';
import { caseEventKinds, nextSteps, pathProblem, type CaseEvent } from '../../server/contracts/case-path.ts';

const TODAY = '2026-03-10';
const path: CaseEvent[] = [
  { kind: 'report_received', on: '2026-01-05' },
  { kind: 'investigation_opened', on: '2026-01-12' },
  { kind: 'intervention_offered', on: '2026-02-02' },
];

describe('the order of a case\'s path', () => {
  test('the next step in order on a later date is fine', () => {
    expect(pathProblem(path, { kind: 'intervention_accepted', on: '2026-02-03' }, TODAY)).toBeNull();
    expect(pathProblem(path, { kind: 'intervention_accepted', on: '2026-02-02' }, TODAY)).toBeNull();
  });

  test('a step before what must come first is refused, saying what must come first', () => {
    expect(pathProblem(path, { kind: 'intervention_started', on: '2026-02-05' }, TODAY)).toEqual({ field: 'kind', message: '”Familjen tackade ja” måste registreras före ”insatsen började”.' });
    expect(pathProblem([], { kind: 'investigation_opened', on: '2026-02-05' }, TODAY)?.message).toMatch(/”Anmälan kom in” måste registreras före/);
  });

  test('a date before the step it follows, or in the future, is refused', () => {
    expect(pathProblem(path, { kind: 'intervention_accepted', on: '2026-02-01' }, TODAY)).toEqual({ field: 'on', message: '”Familjen tackade ja” kan inte ha skett före ”insats erbjöds” (2026-02-02).' });
    expect(pathProblem(path, { kind: 'intervention_accepted', on: '2026-03-11' }, TODAY)).toEqual({ field: 'on', message: 'Datumet ligger i framtiden. Registrera steget när det har hänt.' });
    expect(pathProblem(path, { kind: 'intervention_accepted', on: TODAY }, TODAY)).toBeNull();
  });

  test('each step once, one of two alternatives, and after closing only the check-in call', () => {
    expect(pathProblem(path, { kind: 'intervention_offered', on: '2026-02-03' }, TODAY)?.message).toMatch(/redan registrerat/);
    expect(pathProblem(path, { kind: 'investigation_not_opened', on: '2026-02-03' }, TODAY)?.message).toMatch(/”Utredning inleddes” är redan registrerat/);
    const closed: CaseEvent[] = [...path, { kind: 'case_closed', on: '2026-02-20' }];
    expect(pathProblem(closed, { kind: 'intervention_accepted', on: '2026-02-21' }, TODAY)?.message).toBe('Ärendet är avslutat (2026-02-20). Efter det registreras bara det uppföljande samtalet.');
    expect(pathProblem(closed, { kind: 'check_in_done', on: '2026-03-01' }, TODAY)).toBeNull();
    expect(pathProblem(path, { kind: 'check_in_done', on: '2026-03-01' }, TODAY)?.message).toMatch(/”Ärendet avslutades” måste registreras före/);
  });

  test('the form offers exactly the steps that may come next', () => {
    expect(nextSteps([])).toEqual(['report_received']);
    expect(nextSteps(path)).toEqual(['intervention_accepted', 'intervention_declined', 'case_closed']);
    expect(nextSteps([...path, { kind: 'case_closed', on: '2026-02-20' }])).toEqual(['check_in_done']);
  });
});

test('the database knows the same steps as the contract (db imports nothing of the server, so the list is written twice)', () => {
  expect([...caseEventKindValues]).toEqual([...caseEventKinds]);
});
