#!/usr/bin/env node
// A Salesforce client-credentials client built on jsforce 3 (the npm package), under the
// harness's client contract (README.md, clients/README.md). Everything on the wire is jsforce's own:
//
// - token: `conn.authorize({ grant_type: 'client_credentials' })` with an `oauth2` config of
//   clientId, clientSecret and loginUrl (the My Domain, taken from SF_TOKEN_URL). jsforce's
//   OAuth2.requestToken POSTs a form body with client_id and client_secret (client_secret_post)
//   and keeps the response's instance_url and access_token on the Connection. A `scope` is added
//   only when SF_SCOPE is set.
// - REST reads: `conn.query('SELECT Id, Name FROM Account')`, SF_CALLS times, with the one token,
//   one after another (SF_CONCURRENCY is how many may be in flight at once; running them in turn
//   is allowed).
// - timeout: jsforce's only timeout knob that reaches both its OAuth2 and REST requests is the
//   HTTP_TIMEOUT environment variable (milliseconds), read once when jsforce is loaded
//   (transport.ts setDefaults). It is set from SF_REQUEST_TIMEOUT before jsforce is required.
//   It bounds a whole request including jsforce's retries, and jsforce never retries a request it
//   aborted (request.ts), so a timed-out read fails (clients/README.md records that finding).
// - retries: jsforce's own (request.ts fetchWithRetries), with its defaults: a GET answered 420,
//   429, 500, 502, 503 or 504, or failing with ECONNRESET and the like, is retried up to 5 times
//   after 0.5, 1, 2, 4, 8 s. jsforce ignores Retry-After (a finding), does not retry POSTs (the
//   token request), and takes retry options only per conn.request() call, not from conn.query()
//   or the OAuth2 token request.
// - re-authentication: jsforce's session refresh delegate. On a 401 from a REST call, jsforce
//   calls the Connection's `refreshFn` and replays the call. jsforce's default refreshFn needs a
//   refresh token, which client credentials never gets, so this client passes its own: it
//   requests one new token with `conn.authorize` again, and at most once per REST read (jsforce
//   itself would go on refreshing and replaying for as long as the org answers 401).
// - revoke when done, successful or not: `conn.logout()` (jsforce revokes the access token),
//   best effort.
// - jsforce does not check the token response's `signature` and has no option to; neither does
//   this client (a warning, EnsureSignatureVerified).
//
// Exit status: 0 when every read succeeded, 1 when the org refused the token or a read failed,
// 2 on a setup error (a missing or malformed variable, jsforce not installed). The client secret
// and the access token are never printed.
'use strict';

function log(message) {
  process.stderr.write(`${message}\n`);
}

// SF_REQUEST_TIMEOUT (seconds, fractions allowed) as jsforce's HTTP_TIMEOUT (whole milliseconds),
// which jsforce reads when it is loaded: this must run before require('jsforce').
const DEFAULT_TIMEOUT_SECONDS = 30;
function requestTimeoutMs() {
  const raw = process.env.SF_REQUEST_TIMEOUT;
  const seconds = raw ? Number(raw) : DEFAULT_TIMEOUT_SECONDS;
  if (!Number.isFinite(seconds) || seconds <= 0) {
    log('sfclient.js: SF_REQUEST_TIMEOUT must be a positive number of seconds');
    process.exit(2);
  }
  return Math.max(1, Math.round(seconds * 1000));
}
process.env.HTTP_TIMEOUT = String(requestTimeoutMs());

let jsforce;
try {
  // Resolved from clients/jsforce/node_modules whatever the working directory.
  jsforce = require('jsforce');
} catch (err) {
  log('sfclient.js: jsforce is not installed in clients/jsforce/node_modules: ' +
      'run scripts/install-clients (make test runs it)');
  process.exit(2);
}

function required(name) {
  const value = process.env[name];
  if (!value) {
    log(`sfclient.js: ${name} is required`);
    process.exit(2);
  }
  return value;
}

const TOKEN_PATH = '/services/oauth2/token';

// jsforce's OAuth2 builds its token, authorize and revoke URLs from loginUrl. Under the contract
// SF_TOKEN_URL is the My Domain plus /services/oauth2/token, so loginUrl is the My Domain; any
// other token URL is given to jsforce as it is.
function oauth2Config(tokenUrl, clientId, clientSecret) {
  if (tokenUrl.endsWith(TOKEN_PATH)) {
    return { clientId, clientSecret, loginUrl: tokenUrl.slice(0, -TOKEN_PATH.length) };
  }
  const origin = new URL(tokenUrl).origin;
  return {
    clientId,
    clientSecret,
    authzServiceUrl: `${origin}/services/oauth2/authorize`,
    tokenServiceUrl: tokenUrl,
    revokeServiceUrl: `${origin}/services/oauth2/revoke`,
  };
}

// jsforce errors carry the OAuth error in `name` (token endpoint) or the REST errorCode.
function describe(err) {
  const code = err.errorCode || err.name || 'Error';
  return `${code}: ${err.message}`;
}

async function main() {
  const tokenUrl = required('SF_TOKEN_URL');
  const clientId = required('SF_CLIENT_ID');
  const clientSecret = required('SF_CLIENT_SECRET');
  const apiVersion = process.env.SF_API_VERSION || '67.0';
  // Only when the integrator configured one; otherwise the token request carries no scope.
  const scope = process.env.SF_SCOPE || '';
  const grant = scope
    ? { grant_type: 'client_credentials', scope }
    : { grant_type: 'client_credentials' };
  const calls = Number.parseInt(process.env.SF_CALLS || '3', 10);
  if (!Number.isInteger(calls) || calls < 0) {
    log('sfclient.js: SF_CALLS must be a non-negative integer');
    return 2;
  }

  // How many new tokens the current REST read may still ask for after a 401.
  let refreshesLeft = 0;
  const conn = new jsforce.Connection({
    oauth2: oauth2Config(tokenUrl, clientId, clientSecret),
    version: apiVersion,
    refreshFn: (c, callback) => {
      if (refreshesLeft <= 0) {
        callback(new Error('the org rejected the session again after one new token'));
        return;
      }
      refreshesLeft -= 1;
      log('call: session rejected (401), requesting a new token');
      c.authorize({ ...grant }).then(
        () => {
          log(`token: granted for ${c.instanceUrl}`);
          callback(undefined, c.accessToken);
        },
        (err) => callback(err),
      );
    },
  });

  // Revokes the token the connection holds (best effort; it does not change the result). Only
  // with a token: without one jsforce's logout() would fall back to a SOAP logout.
  async function revoke() {
    refreshesLeft = 0;
    if (!conn.accessToken) return;
    try {
      await conn.logout();
    } catch (err) {
      log(`revoke: ${describe(err)} (ignored)`);
    }
  }

  try {
    await conn.authorize({ ...grant });
  } catch (err) {
    log(`token: refused: ${describe(err)}`);
    return 1;
  }
  log(`token: granted for ${conn.instanceUrl}`);

  const soql = 'SELECT Id, Name FROM Account';
  // One read after another: SF_CONCURRENCY is a ceiling, and running in turn is allowed.
  for (let i = 1; i <= calls; i++) {
    refreshesLeft = 1;
    try {
      const result = await conn.query(soql);
      log(`call ${i}: ${result.totalSize} records`);
    } catch (err) {
      log(`call ${i}: failed: ${describe(err)}`);
      await revoke(); // the token is no longer needed either way
      return 1;
    }
  }
  await revoke();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    log(`sfclient.js: ${describe(err)}`);
    process.exit(1);
  },
);
