import * as oidc from 'openid-client';
import { email as emailSchema } from '../../contracts/text.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { CitySignInRefused } from './city-sign-in.errors.ts';
import type { CitySignInRepository } from './city-sign-in.repository.ts';

export type CitySignInSettings = { issuer: string; clientId: string; clientSecret: string };

/** What the browser carries between the two legs, in a signed cookie: never in the URL. */
export type Pending = { state: string; nonce: string; verifier: string; next: string };

const SCOPE = 'openid email profile';
const isLoopback = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

/**
 * "Logga in med stadens konto": OpenID Connect's authorization code flow with PKCE, state and
 * nonce (openid-client), the ID token verified on the app's clock. A person is found by the
 * provider's subject, or at the first sign-in by a registered and verified e-mail; nobody unknown
 * gets in, and roles stay in Samverkan.
 */
export function createCitySignInService({ settings, publicUrl, clock, repo }: { settings: CitySignInSettings | undefined; publicUrl: string; clock: Clock; repo: CitySignInRepository }) {
  const redirectUri = `${publicUrl}/api/auth/oidc/callback`;
  let discovered: Promise<oidc.Configuration> | null = null;
  let keys: oidc.ExportedJWKSCache | undefined;

  function configuration(s: CitySignInSettings): Promise<oidc.Configuration> {
    // Plain http only to a provider on this machine (tests, a local Keycloak); a real one is https.
    const insecure = isLoopback(new URL(s.issuer)) ? { execute: [oidc.allowInsecureRequests] } : {};
    discovered ??= oidc.discovery(new URL(s.issuer), s.clientId, s.clientSecret, undefined, { ...insecure, timeout: 10 }).catch((err: unknown) => {
      discovered = null; // the next sign-in asks again
      throw new CitySignInRefused('unavailable', err);
    });
    return discovered;
  }

  /** The provider's settings with the app's clock: ID tokens expire by the same now as sessions. */
  function onAppClock(base: oidc.Configuration, s: CitySignInSettings) {
    const skew = Math.round((clock.now().getTime() - Date.now()) / 1000);
    const config = new oidc.Configuration(base.serverMetadata(), s.clientId, { client_secret: s.clientSecret, [oidc.clockSkew]: skew });
    if (isLoopback(new URL(s.issuer))) oidc.allowInsecureRequests(config);
    if (keys) oidc.setJwksCache(config, keys);
    return config;
  }

  /** Subject first; at the first sign-in a registered, verified e-mail, which binds the subject. */
  async function match(claims: oidc.IDToken, userInfo: () => Promise<unknown>): Promise<string> {
    const subject = `${claims.iss} ${claims.sub}`;
    const bound = await repo.bySubject(subject);
    if (bound) {
      if (bound.disabledAt) throw new CitySignInRefused('not_registered');
      return bound.id;
    }
    const info = (await userInfo()) as { email?: unknown; email_verified?: unknown };
    const parsed = info.email_verified !== false ? emailSchema.safeParse(info.email) : null;
    const person = parsed?.success ? await repo.byEmail(parsed.data) : undefined;
    // An account already bound to another subject of this provider is someone else's.
    if (!person || person.disabledAt || person.oidcSubject?.startsWith(`${claims.iss} `)) throw new CitySignInRefused('not_registered');
    await repo.bindSubject(person.id, subject);
    return person.id;
  }

  function required(): CitySignInSettings {
    if (!settings) throw new AppError('not_found', 'Inloggning med stadens konto är inte påslagen här. Logga in med e-post och lösenord.');
    return settings;
  }

  return {
    enabled: settings !== undefined,

    /** Where to send the browser, and what it must bring back. */
    async start(next: string): Promise<{ url: string; pending: Pending }> {
      const s = required();
      const config = await configuration(s).catch(() => {
        throw new AppError('unavailable', 'Stadens inloggning svarar inte just nu. Försök igen om en stund, eller logga in med e-post och lösenord.', { headers: { 'retry-after': '30' } });
      });
      const pending = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier(), next };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: SCOPE,
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, pending };
    },

    /** The person the provider's answer names, or a refusal; the code is spent either way. */
    async finish(search: string, pending: Pending): Promise<string> {
      const s = required();
      const config = onAppClock(await configuration(s), s);
      let claims: oidc.IDToken | undefined;
      let email: () => Promise<unknown>;
      try {
        const tokens = await oidc.authorizationCodeGrant(config, new URL(`${redirectUri}${search}`), {
          pkceCodeVerifier: pending.verifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        claims = tokens.claims();
        const sub = claims?.sub ?? '';
        // Providers that keep the e-mail out of the ID token give it at userinfo, for this subject only.
        email = async () => (claims?.email !== undefined ? claims : await oidc.fetchUserInfo(config, tokens.access_token, sub).catch(() => ({})));
      } catch (err) {
        throw new CitySignInRefused('failed', err);
      } finally {
        keys = oidc.getJwksCache(config) ?? keys;
      }
      if (!claims) throw new CitySignInRefused('failed');
      return match(claims, email);
    },
  };
}

export type CitySignInService = ReturnType<typeof createCitySignInService>;
