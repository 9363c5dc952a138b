// A real OpenID provider for Tend's tests (npm `oidc-provider`), with one
// confidential client that must use PKCE. Its sign-in page takes any email:
// the account's `sub` is derived from it, `email` is it, and it counts as
// verified unless it is written `unverified:EMAIL`. Consent is granted
// without asking (a first-party client).
//
// It prints "listening PORT" once ready; with --exit-with-stdin it exits
// when its standard input closes, so a test that dies never leaves it.
//
// Hand-made attacks: POST /__test/next-token?mode=M changes the ID token of
// the next token response only:
//   tamper        a claim changed after signing (the signature no longer fits)
//   foreign-key   signed by a key the issuer never published, same key id
//   alg-none      unsigned ("alg": "none")
//   wrong-aud     signed by the issuer, for another client
//   wrong-iss     signed by the issuer's key, naming another issuer
//   expired       signed by the issuer, expired an hour ago
//   wrong-nonce   signed by the issuer, carrying another nonce
//   no-email      signed by the issuer without email claims (they come from userinfo)
//   rotate        the issuer rotates its keys: from now on it publishes a new
//                 key beside the old and signs with the new one
//
//   node oidc-provider.mjs --redirect URL [--port 0] [--client-id tend]
//        [--client-secret oidc-pass] [--exit-with-stdin]
import * as jose from 'jose';
import http from 'node:http';
import { createHash } from 'node:crypto';

// Standard output carries only the "listening PORT" line (the test reads
// it, then closes the pipe); anything else goes to standard error, without
// oidc-provider's known warnings for a development setup (Node 20, the
// in-memory store), which would only be noise in test output.
const say = (...a) => {
  const line = a.join(' ');
  if (!/^oidc-provider (WARNING|NOTICE)/.test(line)) process.stderr.write(`${line}\n`);
};
const announce = console.log.bind(console);
console.log = console.info = console.warn = say;
// Imported after the line above, so its warnings at import go through `say`.
const { default: Provider } = await import('oidc-provider');

const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const redirect = arg('redirect');
if (!redirect) {
  console.error('usage: node oidc-provider.mjs --redirect URL [--port 0]');
  process.exit(2);
}
const clientId = arg('client-id', 'tend');
const clientSecret = arg('client-secret', 'oidc-pass');

const KID = 'test-key';
const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
const signingJwk = { ...(await jose.exportJWK(privateKey)), kid: KID, alg: 'RS256', use: 'sig' };
const foreign = (await jose.generateKeyPair('RS256')).privateKey;
const ROTATED_KID = 'rotated-key';
const rotated = await jose.generateKeyPair('RS256', { extractable: true });
const rotatedPublic = { ...(await jose.exportJWK(rotated.publicKey)), kid: ROTATED_KID, alg: 'RS256', use: 'sig' };
let hasRotated = false;

// Accounts are whatever email is typed at the sign-in page.
function account(id) {
  const unverified = id.startsWith('unverified:');
  const email = unverified ? id.slice('unverified:'.length) : id;
  const sub = createHash('sha256').update(email).digest('hex').slice(0, 24);
  return { sub, email, email_verified: !unverified, name: email.split('@')[0] };
}

const server = http.createServer();
await new Promise((resolve) => server.listen(Number(arg('port', '0')), '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirect],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  jwks: { keys: [signingJwk] },
  cookies: { keys: ['tend-test-provider-cookie-key'] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  // Put the email in the ID token, as most issuers do (`no-email` covers the others).
  conformIdTokenClaims: false,
  // Tend must send a PKCE challenge, even as a confidential client.
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(_ctx, id) {
    const a = account(id);
    return { accountId: id, claims: async () => a };
  },
  // A first-party client: consent is granted without a screen.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});

let nextMode = null;

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

const page = (uid) => `<!doctype html><html><head><title>Test identity provider</title></head>
<body><h1>Test identity provider</h1>
<form method="post" action="/interaction/${uid}/login">
<label for="login">Email</label> <input id="login" name="login" autofocus>
<label for="pw">Password</label> <input id="pw" name="password" type="password">
<button type="submit">Sign in at the provider</button></form></body></html>`;

async function reSign(idToken, mode) {
  const claims = jose.decodeJwt(idToken);
  const now = Math.floor(Date.now() / 1000);
  const [h, p, s] = idToken.split('.');
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  switch (mode) {
    case 'tamper':
      return `${h}.${b64({ ...claims, email: 'hr@tend.example' })}.${s}`;
    case 'alg-none':
      return `${b64({ alg: 'none', typ: 'JWT' })}.${p}.`;
    case 'foreign-key':
      return new jose.SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: KID }).sign(foreign);
    case 'rotate':
      hasRotated = true;
      return new jose.SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: ROTATED_KID }).sign(rotated.privateKey);
    default: {
      const changed = { ...claims };
      if (mode === 'wrong-aud') changed.aud = 'another-client';
      if (mode === 'wrong-iss') changed.iss = 'http://127.0.0.1:1';
      if (mode === 'expired') Object.assign(changed, { iat: now - 7200, exp: now - 3600 });
      if (mode === 'wrong-nonce') changed.nonce = 'not-the-nonce-tend-sent';
      if (mode === 'no-email') {
        delete changed.email;
        delete changed.email_verified;
      }
      return new jose.SignJWT(changed).setProtectedHeader({ alg: 'RS256', kid: KID }).sign(privateKey);
    }
  }
}

provider.use(async (ctx, next) => {
  if (ctx.path === '/__test/next-token' && ctx.method === 'POST') {
    nextMode = ctx.query.mode || null;
    ctx.status = 204;
    return;
  }
  const m = ctx.path.match(/^\/interaction\/([^/]+)(\/login)?$/);
  if (m) {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    if (!m[2]) {
      ctx.type = 'html';
      ctx.body = page(details.uid);
      return;
    }
    const login = ((await readForm(ctx.req)).get('login') || '').trim();
    if (!login.includes('@')) {
      ctx.type = 'html';
      ctx.body = page(details.uid);
      return;
    }
    const returnTo = await provider.interactionResult(ctx.req, ctx.res, { login: { accountId: login } });
    ctx.status = 303;
    ctx.redirect(returnTo);
    return;
  }
  await next();
  if (ctx.path === '/jwks' && hasRotated && Array.isArray(ctx.body?.keys)) {
    ctx.body = { keys: [...ctx.body.keys, rotatedPublic] };
  }
  if (ctx.path === '/token' && nextMode && ctx.body?.id_token) {
    const mode = nextMode;
    nextMode = null;
    ctx.body = { ...ctx.body, id_token: await reSign(ctx.body.id_token, mode) };
  }
});

server.on('request', provider.callback());
announce(`listening ${server.address().port}`);
if (args.includes('--exit-with-stdin')) {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}
