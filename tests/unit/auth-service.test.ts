import { describe, expect, test, vi } from 'vitest';
import { fixedClock } from '../../server/lib/clock.ts';
import type { AuthRepository } from '../../server/modules/auth/auth.repository.ts';
import { CONCURRENT_CHECKS, createAuthService, QUEUE_LIMIT } from '../../server/modules/auth/auth.service.ts';

function setup(user?: { id: string; passwordHash: string; disabledAt: Date | null; name?: string; email?: string }) {
  const verify = vi.fn(async (hash: string, password: string) => hash === `hash:${password}`);
  const repo = {
    findUserByEmail: vi.fn(async () => user),
    claimAttempt: vi.fn(async () => ({ claimed: true, id: 1 })),
    markSucceeded: vi.fn(async () => undefined),
    createSession: vi.fn(async () => undefined),
    listMemberships: vi.fn(async () => []),
  } as unknown as AuthRepository;
  const service = createAuthService({
    repo,
    clock: fixedClock('2026-11-23T08:00:00Z'),
    hasher: { hash: async (p) => `hash:${p}`, verify },
    dummyHash: 'hash:dummy-never-matches',
    secondFactor: { stepFor: async () => 'none' as const, verify: async () => ({ ok: false as const }) },
    settings: { idleMinutes: 60, absoluteHours: 12, maxFailuresPerAccount: 5, maxFailuresPerAddress: 50, maxSignInsPerAddress: 600 },
  });
  return { service, verify, repo };
}

describe('sign-in does the same work whether or not the e-mail exists', () => {
  test('an unknown e-mail still verifies a password hash (the dummy one), so both answers take as long', async () => {
    const { service, verify } = setup(undefined);
    await expect(service.login({ email: 'ingen@x.se', password: 'p' }, '1.2.3.4')).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(verify).toHaveBeenCalledWith('hash:dummy-never-matches', 'p');
  });

  test('a known e-mail with a wrong password claims one attempt before verifying once, and it stays a failure', async () => {
    const { service, verify, repo } = setup({ id: 'u1', passwordHash: 'hash:rätt', disabledAt: null });
    await expect(service.login({ email: 'n@x.se', password: 'fel' }, '1.2.3.4')).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(verify).toHaveBeenCalledTimes(1);
    expect(repo.claimAttempt).toHaveBeenCalledTimes(1);
    expect(vi.mocked(repo.claimAttempt).mock.invocationCallOrder[0]).toBeLessThan(verify.mock.invocationCallOrder[0]!);
    expect(repo.markSucceeded).not.toHaveBeenCalled();
  });

  test('when a limit is full, no password is checked at all', async () => {
    const { service, verify, repo } = setup({ id: 'u1', passwordHash: 'hash:rätt', disabledAt: null });
    vi.mocked(repo.claimAttempt).mockResolvedValueOnce({ claimed: false, retryAt: new Date('2026-11-23T07:50:00Z'), limit: 'failures' });
    await expect(service.login({ email: 'n@x.se', password: 'rätt' }, '1.2.3.4')).rejects.toMatchObject({ code: 'rate_limited', detail: expect.stringMatching(/Vänta 5 minuter/) });
    expect(verify).not.toHaveBeenCalled();
  });

  test('the session row stores a hash of the token, never the token', async () => {
    const { service, repo } = setup({ id: 'u1', passwordHash: 'hash:rätt', disabledAt: null });
    const signIn = await service.login({ email: 'n@x.se', password: 'rätt' }, '1.2.3.4');
    if (signIn.kind !== 'session') throw new Error('expected a session');
    const { token } = signIn;
    const stored = vi.mocked(repo.createSession).mock.calls[0]![0];
    expect(stored.id).not.toContain(token);
    expect(stored.id).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.expiresAt.toISOString()).toBe('2026-11-23T20:00:00.000Z');
  });
});

describe('password checks are bounded', () => {
  test('beyond the checks running and the queue waiting, a sign-in is told to try again shortly (503), untried', async () => {
    const { service, verify, repo } = setup({ id: 'u1', passwordHash: 'hash:rätt', disabledAt: null });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    verify.mockImplementation(async () => {
      await held;
      return false;
    });
    const waiting = Array.from({ length: CONCURRENT_CHECKS + QUEUE_LIMIT }, () => service.login({ email: 'n@x.se', password: 'fel' }, '1.2.3.4').catch((e) => e));
    await vi.waitFor(() => expect(verify).toHaveBeenCalledTimes(CONCURRENT_CHECKS));
    await vi.waitFor(() => expect(repo.claimAttempt).toHaveBeenCalledTimes(CONCURRENT_CHECKS + QUEUE_LIMIT));
    const claimed = vi.mocked(repo.claimAttempt).mock.calls.length;
    await expect(service.login({ email: 'n@x.se', password: 'rätt' }, '1.2.3.4')).rejects.toMatchObject({ code: 'unavailable', status: 503, headers: { 'retry-after': '5' } });
    expect(repo.claimAttempt).toHaveBeenCalledTimes(claimed);
    release();
    expect((await Promise.all(waiting)).every((e) => e.code === 'invalid_credentials')).toBe(true);
  });
});
