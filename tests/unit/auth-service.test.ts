import { describe, expect, test, vi } from 'vitest';
import { fixedClock } from '../../server/lib/clock.ts';
import type { AuthRepository } from '../../server/modules/auth/auth.repository.ts';
import { createAuthService } from '../../server/modules/auth/auth.service.ts';

function setup(user?: { id: string; passwordHash: string; disabledAt: Date | null; name?: string; email?: string }) {
  const verify = vi.fn(async (hash: string, password: string) => hash === `hash:${password}`);
  const repo = {
    findUserByEmail: vi.fn(async () => user),
    recentFailures: vi.fn(async () => []),
    recordFailure: vi.fn(async () => undefined),
    createSession: vi.fn(async () => undefined),
    listMemberships: vi.fn(async () => []),
  } as unknown as AuthRepository;
  const service = createAuthService({
    repo,
    clock: fixedClock('2026-11-23T08:00:00Z'),
    hasher: { hash: async (p) => `hash:${p}`, verify },
    dummyHash: 'hash:dummy-never-matches',
    settings: { idleMinutes: 60, absoluteHours: 12, maxFailuresPerAccount: 5, maxFailuresPerAddress: 50 },
  });
  return { service, verify, repo };
}

describe('sign-in does the same work whether or not the e-mail exists', () => {
  test('an unknown e-mail still verifies a password hash (the dummy one), so both answers take as long', async () => {
    const { service, verify } = setup(undefined);
    await expect(service.login({ email: 'ingen@x.se', password: 'p' }, '1.2.3.4')).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(verify).toHaveBeenCalledWith('hash:dummy-never-matches', 'p');
  });

  test('a known e-mail with a wrong password verifies once and records one failure', async () => {
    const { service, verify, repo } = setup({ id: 'u1', passwordHash: 'hash:rätt', disabledAt: null });
    await expect(service.login({ email: 'n@x.se', password: 'fel' }, '1.2.3.4')).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(verify).toHaveBeenCalledTimes(1);
    expect(repo.recordFailure).toHaveBeenCalledTimes(1);
  });

  test('the session row stores a hash of the token, never the token', async () => {
    const { service, repo } = setup({ id: 'u1', passwordHash: 'hash:rätt', disabledAt: null });
    const { token } = await service.login({ email: 'n@x.se', password: 'rätt' }, '1.2.3.4');
    const stored = vi.mocked(repo.createSession).mock.calls[0]![0];
    expect(stored.id).not.toContain(token);
    expect(stored.id).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.expiresAt.toISOString()).toBe('2026-11-23T20:00:00.000Z');
  });
});
