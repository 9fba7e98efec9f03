/**
 * A real OpenID Connect provider for the single sign-on tests, run in a child process (oidc-provider
 * is an ES module jest cannot load). Started as
 *   node oidc-provider-server.mjs '{"clientId":"…","clientSecret":"…","redirectUris":["http://localhost:3000/auth/oidc/callback"],"idTokenTtl":120}'
 * it listens on a free loopback port and prints `listening <port>` on its first line.
 *
 * Accounts need no registration: whoever types a login on the provider's login page is that login.
 * The login decides the claims: `alice@example.test` has that e-mail, verified;
 * `unverified+alice@example.test` has alice@example.test, not verified; `noemail+alice` has no e-mail.
 */
import http from 'node:http';
import Provider from 'oidc-provider';

const options = JSON.parse(process.argv[2] ?? '{}');

function claimsOf(login) {
  if (login.startsWith('noemail+')) return {};
  if (login.startsWith('unverified+')) return { email: login.slice('unverified+'.length), email_verified: false };
  return { email: login, email_verified: true };
}

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: options.redirectUris ?? [],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    scopes: ['openid', 'email', 'profile'],
    pkce: { required: () => true },
    ttl: { IdToken: options.idTokenTtl ?? 120 },
    features: { devInteractions: { enabled: true } },
    // First-party client: consent is given once and for all, so the login page is the only page.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    async findAccount(_ctx, sub) {
      return { accountId: sub, claims: async () => ({ sub, name: sub.split('@')[0], ...claimsOf(sub) }) };
    },
  });
  provider.on('server_error', (_ctx, err) => process.stderr.write(`${err.stack}\n`));
  server.on('request', provider.callback());
  process.stdout.write(`listening ${port}\n`);
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
