import { describe, expect, test } from 'vitest';
import type { Role } from '../../server/contracts/auth.ts';
import { canSeeOrganisation, requireAccess, type Actor } from '../../server/lib/access.ts';
import { AppError } from '../../server/lib/errors.ts';

const actor = (organisationId: string | null, role: Role): Actor => ({
  userId: 'u',
  sessionId: 's',
  name: 'Testperson',
  email: 'test@example.se',
  memberships: [{ organisationId, organisationName: null, organisationKind: null, role, sectionId: null }],
});
const school = { id: 'school', parentId: null, servingTeamId: 'team' };
const preschool = { id: 'pre', parentId: 'unit', servingTeamId: 'team' };

describe('who may see an organisation', () => {
  test.each([
    ['its own pedagogue', actor('school', 'pedagogue'), school, true],
    ['another school’s principal', actor('other', 'principal'), school, false],
    ['the serving team’s social worker', actor('team', 'social_worker'), school, true],
    ['another team’s social worker', actor('team2', 'social_worker'), school, false],
    ['the unit’s principal, for its preschool', actor('unit', 'principal'), preschool, true],
    ['police, for a school', actor('police', 'police'), school, false],
    ['the administrator', actor(null, 'admin'), school, true],
  ])('%s: %s', (_name, who, org, expected) => {
    expect(canSeeOrganisation(who, org)).toBe(expected);
  });

  test('requireAccess reports a hidden organisation as not_found, and no actor as unauthenticated', () => {
    expect(() => requireAccess(actor('other', 'principal'), 'organisation:read', school)).toThrow(
      expect.objectContaining({ code: 'not_found', status: 404 }),
    );
    expect(() => requireAccess(null, 'organisation:read', school)).toThrow(AppError);
    expect(() => requireAccess(null, 'organisation:read', school)).toThrow(expect.objectContaining({ code: 'unauthenticated' }));
  });
});
