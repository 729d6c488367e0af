// A real OpenID Connect provider for tests (`oidc-provider`, on a local port), standing in for a province's unified
// identity platform: one confidential client, the people it knows by subject with their claims, and a login and
// consent page that signs in whoever `signInAs` names and agrees at once (no form to fill).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export const TEST_OIDC_CLIENT = { id: 'shanzhi', secret: 'shanzhi-client-secret-0123456789abcdef' };

export interface TestOidcProvider {
  issuer: string;
  /** Who signs in at the provider's login step next. */
  signInAs(subject: string): void;
  close(): Promise<void>;
}

export async function startOidcProvider(redirectUri: string, people: Record<string, Record<string, unknown>>): Promise<TestOidcProvider> {
  const { default: Provider } = await import('oidc-provider');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let subject = Object.keys(people)[0];
  const provider = new Provider(issuer, {
    clients: [{ client_id: TEST_OIDC_CLIENT.id, client_secret: TEST_OIDC_CLIENT.secret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
    claims: { openid: ['sub'], profile: ['preferred_username', 'name', 'org_unit', 'roles'] },
    findAccount: (_ctx, sub) => (people[sub] ? { accountId: sub, claims: () => ({ sub, ...people[sub] }) } : undefined),
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    cookies: { keys: ['provider-cookie-key-0123456789'] },
    ttl: { IdToken: 3600, AccessToken: 3600, AuthorizationCode: 60, Interaction: 600, Session: 3600, Grant: 3600 },
  });
  const callback = provider.callback();
  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) { void callback(req, res); return; }
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      const grant = new provider.Grant({ accountId: subject, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope));
      await provider.interactionFinished(req, res, { login: { accountId: subject }, consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: false });
    })().catch((error: unknown) => { res.statusCode = 500; res.end(String(error)); });
  });
  return {
    issuer,
    signInAs: (next) => { subject = next; },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
