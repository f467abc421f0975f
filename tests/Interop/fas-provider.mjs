// An independent OpenID Connect provider (npm oidc-provider) configured to look like FAS: an
// issuer with a path, PKCE, the FAS claim names, Level400/450/500, RP-initiated logout, and per
// variant the shapes and client authentications FAS and other government providers use.
// Usage: node fas-provider.mjs — settings from the environment:
//   PORT, ACCOUNTS (the demo accounts.json), REDIRECT (the client's callback), POST_LOGOUT,
//   SECRET (client secret), CLIENT_JWK (public JWK file, for private_key_jwt),
//   AUTH (client_secret_basic | client_secret_post | private_key_jwt), SHAPE (fas-2019 | id-token),
//   USERINFO (json | jwt), PAR (on | off).
import http from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';
import { SignJWT, generateKeyPair } from 'jose';

const env = process.env;
const port = Number(env.PORT);
const prefix = '/fas/oauth2';
// TLS_CERT and TLS_KEY: serve HTTPS with a certificate of a test CA (the client must trust that CA).
const tls = env.TLS_CERT ? { cert: readFileSync(env.TLS_CERT), key: readFileSync(env.TLS_KEY) } : null;
const issuer = `${tls ? 'https' : 'http'}://127.0.0.1:${port}${prefix}`;
const accounts = JSON.parse(readFileSync(env.ACCOUNTS, 'utf8'));
const levels = ['400', '450', '500'].map(l => `urn:be:fedict:iam:fas:Level${l}`);
const fas2019 = env.SHAPE === 'fas-2019';
// FORGED=1: userinfo is answered with a JWT signed by a key the provider never published.
const forger = env.FORGED === '1' ? await generateKeyPair('RS256') : null;

const client = {
  client_id: 'hybridvote',
  redirect_uris: [env.REDIRECT],
  post_logout_redirect_uris: [env.POST_LOGOUT],
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: env.AUTH,
  ...(env.AUTH === 'private_key_jwt'
    ? { jwks: { keys: [JSON.parse(readFileSync(env.CLIENT_JWK, 'utf8'))] }, token_endpoint_auth_signing_alg: 'ES256' }
    : { client_secret: env.SECRET }),
  ...(env.USERINFO === 'jwt' ? { userinfo_signed_response_alg: 'RS256' } : {}),
  // With PAR on, this client may only use pushed authorization requests (so the test proves they are used).
  ...(env.PAR === 'on' ? { require_pushed_authorization_requests: true } : {}),
};

const provider = new Provider(issuer, {
  clients: [client],
  pkce: { required: () => true },
  acrValues: levels,
  scopes: ['openid', 'profile', 'egovnrn'],
  // acr and amr travel with openid, so the ID token carries the level whichever holds it.
  claims: { openid: ['sub', 'acr', 'amr'], profile: ['givenName', 'surname', 'prefLanguage'], egovnrn: ['egovNRN'] },
  // FAS in 2019: the identity claims only from userinfo; otherwise also in the ID token.
  conformIdTokenClaims: fas2019,
  features: {
    devInteractions: { enabled: false },
    pushedAuthorizationRequests: { enabled: env.PAR === 'on' },
    jwtUserinfo: { enabled: env.USERINFO === 'jwt' },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: async (ctx, form) => {
        ctx.body = `<!doctype html><html><body><h1>FAS logout</h1>${form}<button id="logout-yes" form="op.logoutForm" name="logout" value="yes">Sign out</button></body></html>`;
      },
    },
  },
  interactions: { url: (ctx, interaction) => `${prefix}/interaction/${interaction.uid}` },
  async findAccount(ctx, id) {
    const account = accounts.find(a => a.Login === id);
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: id, egovNRN: account.EgovNRN, givenName: account.GivenName, surname: account.Surname, prefLanguage: account.PrefLanguage };
      },
    };
  },
});
provider.on('server_error', (ctx, err) => console.error('server_error', err));

const page = body => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>FAS (test)</title></head><body>${body}</body></html>`;
const readForm = req => new Promise(resolve => {
  let data = '';
  req.on('data', c => { data += c; });
  req.on('end', () => resolve(new URLSearchParams(data)));
});

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'login' && req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page(`<h1>FAS login (test)</h1><form method="post" action="${prefix}/interaction/${uid}/login">
      <label for="login">Login</label> <input id="login" name="login">
      <label for="level">Means</label> <select id="level" name="level"><option value="450">eID (Level450)</option><option value="500">eID (Level500)</option><option value="400">app code (Level400)</option></select>
      <button id="submit">Log in</button></form>`));
    return;
  }
  if (details.prompt.name === 'login' && action === 'login') {
    const form = await readForm(req);
    const level = `urn:be:fedict:iam:fas:Level${form.get('level')}`;
    // The 2019 shape: acr "0" and the level in amr.
    const login = fas2019 ? { accountId: form.get('login'), acr: '0', amr: [level] } : { accountId: form.get('login'), acr: level };
    await provider.interactionFinished(req, res, { login }, { mergeWithLastSubmission: false });
    return;
  }
  // Consent is implied for this one client: grant what it asked for.
  const { prompt: { details: missing }, params, session: { accountId } } = details;
  const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId, clientId: params.client_id });
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  if (missing.missingResourceScopes) for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes)) grant.addResourceScope(indicator, scopes.join(' '));
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

async function forgedUserInfo(req, res) {
  const token = await provider.AccessToken.find((req.headers.authorization ?? '').replace(/^Bearer /, ''));
  const account = token && accounts.find(a => a.Login === token.accountId);
  if (!account) { res.writeHead(401); res.end(); return; }
  const jwt = await new SignJWT({ sub: account.Login, egovNRN: account.EgovNRN, givenName: account.GivenName, surname: account.Surname, prefLanguage: account.PrefLanguage })
    .setProtectedHeader({ alg: 'RS256' }).setIssuer(issuer).setAudience('hybridvote').setIssuedAt().sign(forger.privateKey);
  res.writeHead(200, { 'content-type': 'application/jwt' });
  res.end(jwt);
}

const callback = provider.callback();
const handle = async (req, res) => {
  try {
    if (!req.url.startsWith(prefix)) { res.writeHead(404); res.end(); return; }
    if (forger && req.url.startsWith(`${prefix}/me`)) { await forgedUserInfo(req, res); return; }
    const match = req.url.match(/^\/fas\/oauth2\/interaction\/([^/?]+)(?:\/(login))?/);
    if (match) { await interaction(req, res, match[1], match[2]); return; }
    req.originalUrl = req.url;
    req.url = req.url.slice(prefix.length) || '/';
    callback(req, res);
  } catch (e) {
    console.error(e);
    res.writeHead(500); res.end(String(e));
  }
};
(tls ? https.createServer(tls, handle) : http.createServer(handle))
  .listen(port, '127.0.0.1', () => console.log(`FAS-like provider ${issuer} (auth ${env.AUTH}, shape ${env.SHAPE}, userinfo ${env.USERINFO}, PAR ${env.PAR})`));
