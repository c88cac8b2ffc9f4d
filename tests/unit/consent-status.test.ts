import { describe, expect, test } from 'vitest';
import { consentBody, latestValidUntil } from '../../server/contracts/consents.ts';
import { consentStatus } from '../../server/modules/consents/consents.models.ts';

const at = (iso: string) => new Date(iso);
const c = (over: Partial<{ validFrom: string; validUntil: string; withdrawnAt: Date | null }> = {}) => ({ validFrom: '2026-03-01', validUntil: '2026-06-12', withdrawnAt: null, ...over });

describe('a consent’s status in words', () => {
  test.each([
    ['active', c(), '2026-03-10T10:00:00+01:00', '2026-03-10', { status: 'active', statusText: 'Gäller till 12 juni', endsSoon: false }],
    ['ending within 14 days', c(), '2026-05-29T10:00:00+02:00', '2026-05-29', { status: 'active', statusText: 'Gäller till 12 juni – går snart ut', endsSoon: true }],
    ['15 days left', c(), '2026-05-28T10:00:00+02:00', '2026-05-28', { status: 'active', endsSoon: false }],
    ['its last day', c(), '2026-06-12T23:59:00+02:00', '2026-06-12', { status: 'active', statusText: 'Gäller till och med i dag – går snart ut' }],
    ['the day after', c(), '2026-06-13T00:00:00+02:00', '2026-06-13', { status: 'expired', statusText: 'Har gått ut (gällde till 12 juni)' }],
    ['not yet valid', c({ validFrom: '2026-04-01' }), '2026-03-10T10:00:00+01:00', '2026-03-10', { status: 'not_yet_valid', statusText: 'Gäller från 1 april' }],
    ['into next year', c({ validUntil: '2027-01-15' }), '2026-03-10T10:00:00+01:00', '2026-03-10', { statusText: 'Gäller till 15 januari 2027' }],
    ['withdrawn', c({ withdrawnAt: at('2026-03-03T09:00:00+01:00') }), '2026-03-10T10:00:00+01:00', '2026-03-10', { status: 'withdrawn', statusText: 'Återkallat 3 mars' }],
    ['withdrawn late in the evening, Stockholm day', c({ withdrawnAt: at('2026-03-03T23:30:00Z') }), '2026-03-10T10:00:00+01:00', '2026-03-10', { statusText: 'Återkallat 4 mars' }],
  ])('%s', (_name, consent, now, today, expected) => {
    expect(consentStatus(consent, at(now), today)).toMatchObject(expected);
  });
});

describe('the edges of a consent, to the millisecond and the day', () => {
  const now = at('2026-03-10T10:00:00+01:00');
  test('withdrawn at this very instant is withdrawn; a withdrawal a millisecond later has not happened yet', () => {
    expect(consentStatus(c({ withdrawnAt: now }), now, '2026-03-10')).toEqual({ status: 'withdrawn', statusText: 'Återkallat 10 mars', endsSoon: false });
    expect(consentStatus(c({ withdrawnAt: new Date(now.getTime() + 1) }), now, '2026-03-10')).toEqual({ status: 'active', statusText: 'Gäller till 12 juni', endsSoon: false });
  });

  test('its first day counts; the day before it does not', () => {
    expect(consentStatus(c({ validFrom: '2026-03-10' }), now, '2026-03-10')).toMatchObject({ status: 'active', endsSoon: false });
    expect(consentStatus(c({ validFrom: '2026-03-11' }), now, '2026-03-10')).toEqual({ status: 'not_yet_valid', statusText: 'Gäller från 11 mars', endsSoon: false });
  });

  test('expired and withdrawn consents are never "ending soon"', () => {
    expect(consentStatus(c({ validUntil: '2026-03-09' }), now, '2026-03-10')).toEqual({ status: 'expired', statusText: 'Har gått ut (gällde till 9 mars)', endsSoon: false });
    expect(consentStatus(c({ validUntil: '2026-03-12', withdrawnAt: now }), now, '2026-03-10').endsSoon).toBe(false);
  });
});

describe('at most 12 months', () => {
  test('the same date a year later is the last allowed day, also from a leap day', () => {
    expect(latestValidUntil('2026-03-10')).toBe('2027-03-10');
    expect(latestValidUntil('2028-02-29')).toBe('2029-02-28');
    const body = { organisationId: '6f1e2d3c-4b5a-4978-8a1b-2c3d4e5f6a7b', scopes: ['attendance'], parties: [{ role: 'guardian' }], form: 'written', validFrom: '2026-03-10' };
    expect(consentBody.safeParse({ ...body, validUntil: '2027-03-10' }).success).toBe(true);
    const long = consentBody.safeParse({ ...body, validUntil: '2027-03-11' });
    expect(long.success).toBe(false);
    expect(long.error?.issues[0]?.message).toBe('Ett samtycke gäller högst 12 månader.');
  });
});
