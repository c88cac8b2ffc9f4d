import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export type ProviderAccount = { email?: string; email_verified?: boolean; name?: string };

/**
 * A real OpenID provider (oidc-provider, a certified implementation) on a loopback port, for the
 * city sign-in. Its login page is replaced by one that signs in whoever `signInAs` names, so a
 * test walks the whole code flow over HTTP without a browser.
 */
export async function startOidcProvider(redirectUri: string) {
  const accounts = new Map<string, ProviderAccount>();
  let signInAs: string | null = null;
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = { clientId: 'samverkan', clientSecret: 'en-hemlighet-som-bara-testet-kanner-till' };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    async findAccount(_ctx, sub) {
      const claims = accounts.get(sub);
      return claims ? { accountId: sub, claims: async () => ({ sub, ...claims }) } : undefined;
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    ttl: { IdToken: 300, AccessToken: 300, AuthorizationCode: 60, Session: 600, Interaction: 600, Grant: 600 },
    cookies: { keys: ['testnyckel-for-leverantorens-kakor'] },
  });

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith('/interaction/')) return void provider.callback()(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      const accountId = signInAs ?? 'ingen';
      const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope));
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
    })().catch(() => {
      res.statusCode = 500;
      res.end();
    });
  });

  return {
    issuer,
    env: { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: client.clientId, OIDC_CLIENT_SECRET: client.clientSecret },
    accounts,
    signInAs(sub: string) {
      signInAs = sub;
    },
    /**
     * Follows the provider's redirects from an authorization URL, carrying its cookies, to the
     * answer it sends back to the app: the callback's path and query.
     */
    async authorize(authorizationUrl: string): Promise<string> {
      const jar = new Map<string, string>();
      let url = authorizationUrl;
      for (let hop = 0; hop < 10; hop++) {
        const res = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
        for (const c of res.headers.getSetCookie()) {
          const [pair] = c.split(';');
          const at = pair!.indexOf('=');
          jar.set(pair!.slice(0, at), pair!.slice(at + 1));
        }
        const location = res.headers.get('location');
        if (!location) throw new Error(`the provider answered ${res.status} without a redirect: ${await res.text()}`);
        const next = new URL(location, url);
        if (next.href.startsWith(redirectUri)) return next.pathname + next.search;
        url = next.href;
      }
      throw new Error('the provider redirected too many times');
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type OidcProvider = Awaited<ReturnType<typeof startOidcProvider>>;
