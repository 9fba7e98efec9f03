/**
 * A real OpenID Connect provider for the single sign-on tests, run in a child process (oidc-provider
 * is an ES module jest cannot load). Started as
 *   node oidc-provider-server.mjs '{"clientId":"…","clientSecret":"…","redirectUris":["http://localhost:3000/auth/oidc/callback"],"idTokenTtl":120}'
 * it listens on a free loopback port and prints `listening <port>` on its first line.
 *
 * Accounts need no registration: whoever types a login on the provider's login page is that login.
 * The login decides the claims: `alice@example.test` has that e-mail, verified;
 * `unverified+alice@example.test` has alice@example.test, not verified; `noemail+alice` has no e-mail;
 * `json:{"email":"…","name":"…"}` has exactly those claims (characters no form would let through);
 * `forged+alice@example.test` has that e-mail, but the token endpoint adds alice@example.test, verified,
 * to the signed ID token without signing it again (what a tampered token looks like; the e-mail is
 * otherwise only in userinfo, and the ID token's word comes first).
 * With `"foreignKeys": true`, the provider publishes other keys (same key ids) than it signs with.
 */
import http from 'node:http';
import Provider from 'oidc-provider';

const options = JSON.parse(process.argv[2] ?? '{}');

/**
 * A 2048-bit RSA public key whose private half nobody holds: what `foreignKeys` publishes. Written
 * out rather than generated at start: exporting a freshly generated key as JWK can hang Node 20 for
 * good when a garbage collection falls inside the export (the collected generation job waits for a
 * lock the export holds), and the provider then never says it is listening.
 */
const foreign = {
  e: 'AQAB',
  n: '8E-B3omBJNGsu69P2G39mSCrrAOwksSDZE4kxWbqZm5_xdYuXUMmnGP98PwwIJLiJwKvzrlVocyxbk6B94Cr-ezFE2Dv2xJ4e8tujgQyMb2X4-2HFe40ayusvWvfe46igix5QRlZXHt9zOHqm5YHp1AWrRjgCntxwkkmcYed45G52_nU2_PIiJ85AMsWdCe0MyQeOZTGp_kOM2DkWGFEDMAqu-oyqzlrKyo_n3xEf9HaDPMpFqWLIM-dXfn00acaPcsFmMr-GH2lP3R3zvbUlTzGuqxls2Z6h_9rZVpzphkixMIFZ4EsgqBOVStvy8gEjyMXTpvnppoAoPACz67KEw',
};

function claimsOf(login) {
  if (login.startsWith('json:')) return JSON.parse(login.slice('json:'.length));
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
  provider.use(async (ctx, next) => {
    await next();
    if (options.foreignKeys && ctx.path === '/jwks' && Array.isArray(ctx.body?.keys)) {
      ctx.body = { keys: ctx.body.keys.map((key) => (key.kty === 'RSA' ? { ...key, n: foreign.n, e: foreign.e } : key)) };
      return;
    }
    const idToken = ctx.path === '/token' ? ctx.body?.id_token : undefined;
    if (typeof idToken !== 'string') return;
    const [header, payload, signature] = idToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    if (typeof claims.sub !== 'string' || !claims.sub.startsWith('forged+')) return;
    Object.assign(claims, { email: claims.sub.slice('forged+'.length), email_verified: true });
    ctx.body = { ...ctx.body, id_token: [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.') };
  });
  provider.on('server_error', (_ctx, err) => process.stderr.write(`${err.stack}\n`));
  server.on('request', provider.callback());
  process.stdout.write(`listening ${port}\n`);
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
