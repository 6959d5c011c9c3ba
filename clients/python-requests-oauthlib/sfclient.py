#!/usr/bin/env python3
"""A Salesforce client-credentials client built on requests-oauthlib, under the harness's client
contract (README.md, clients/README.md).

The token comes from requests_oauthlib.OAuth2Session with oauthlib's BackendApplicationClient
(the client-credentials grant) and fetch_token's defaults: the consumer key and secret go in an
HTTP Basic Authorization header (client_secret_basic) and the form body is only
grant_type=client_credentials, plus scope=SF_SCOPE when one is configured. Then SF_CALLS REST reads
(the query the curl client makes) against the token response's instance_url, reusing the token,
one after another (SF_CONCURRENCY is how many may be in flight at once; running them in turn is
allowed). After 401 INVALID_SESSION_ID the client fetches exactly one new token and retries that
read once. When it is done, successful or not, it revokes its token (best effort), like the curl
client.

Every request waits at most SF_REQUEST_TIMEOUT seconds for an answer (requests' timeout=). Failed
requests are retried by urllib3's Retry, mounted on the session's HTTPAdapter: at most 3 retries
of a broken connection, a timeout or a 500/502/503/504, for GET (the reads) and POST (the token
request; a repeat only costs a login), with exponential backoff, and as long as a 503's
Retry-After asks. urllib3 1.26 (Debian 12) pauses 0 s before the FIRST retry of a run whatever
backoff_factor says (Retry.get_backoff_time); clients/README.md records that finding.
REQUEST_LIMIT_EXCEEDED (403) is not retried.

Adapter work for the library's quirks (clients/README.md lists them):
- oauthlib refuses http:// URLs unless OAUTHLIB_INSECURE_TRANSPORT is set. It is set here only
  while the URL about to be used is plain HTTP on a loopback address (the mock's HTTP scenarios),
  never for another host.
- Salesforce sends no expires_in: the session keeps no expiry and never refreshes on its own; the
  client reacts to INVALID_SESSION_ID instead.
- A scope is passed to fetch_token only when SF_SCOPE is set, so otherwise the token request
  carries no scope parameter (Salesforce may reject one).
- requests' CA bundle variables apply only when verify is True; the CA file is passed explicitly.
- Neither library checks the token response's signature; this client does not either (a warning,
  EnsureSignatureVerified).

Exit status: 0 when every read succeeded, 1 when the org refused the token or a read failed,
2 on a setup error (a missing or malformed variable, the library not installed). The client
secret and the access token are never printed; do not turn on DEBUG logging for
requests_oauthlib, which logs both.
"""
import ipaddress
import os
import sys
from urllib.parse import urlsplit

DEBIAN_PYTHON = "/usr/bin/python3"


def _log(message):
    print(message, file=sys.stderr, flush=True)


try:
    import requests
    from oauthlib.oauth2 import BackendApplicationClient, OAuth2Error
    from requests.adapters import HTTPAdapter
    from requests_oauthlib import OAuth2Session
    from urllib3.util.retry import Retry
except ImportError:
    # Debian's python3-requests-oauthlib is installed for Debian's interpreter. When `python3` on
    # PATH is another one (pyenv, a virtualenv), run this script again with Debian's.
    if (os.access(DEBIAN_PYTHON, os.X_OK)
            and os.path.realpath(sys.executable) != os.path.realpath(DEBIAN_PYTHON)):
        os.execv(DEBIAN_PYTHON, [DEBIAN_PYTHON, os.path.abspath(__file__)] + sys.argv[1:])
    _log("sfclient.py: requests-oauthlib is not installed: run scripts/install-deps "
         "(Debian's python3-requests-oauthlib; make test runs it)")
    sys.exit(2)

DEFAULT_TIMEOUT_SECONDS = 30.0
# urllib3's Retry: at most MAX_RETRIES retries of one request; between them urllib3 sleeps
# BACKOFF_FACTOR * 2 ** (n - 1) s before the n-th consecutive retry, except the first, which it
# sends at once (urllib3 1.26 Retry.get_backoff_time returns 0 for it): 0, 0.5, 1 s.
MAX_RETRIES = 3
BACKOFF_FACTOR = 0.25
RETRY_STATUSES = (500, 502, 503, 504)
QUERY = "SELECT Id, Name FROM Account"
INSECURE_TRANSPORT = "OAUTHLIB_INSECURE_TRANSPORT"
# Whoever runs the client may have set OAUTHLIB_INSECURE_TRANSPORT; then it is left alone.
_USER_SET_INSECURE = INSECURE_TRANSPORT in os.environ


class Refused(Exception):
    """The org did not grant a token, or a REST read failed."""


def _required(name):
    value = os.environ.get(name)
    if not value:
        _log(f"sfclient.py: {name} is required")
        sys.exit(2)
    return value


def _request_timeout():
    """SF_REQUEST_TIMEOUT: seconds (fractions allowed) to wait for one answer."""
    value = os.environ.get("SF_REQUEST_TIMEOUT")
    if not value:
        return DEFAULT_TIMEOUT_SECONDS
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not seconds > 0 or seconds == float("inf"):
        _log("sfclient.py: SF_REQUEST_TIMEOUT must be a positive number of seconds")
        sys.exit(2)
    return seconds


def _retrying_adapter():
    """An HTTPAdapter whose urllib3 Retry retries broken connections, timeouts and 5xx answers."""
    retry = Retry(
        total=MAX_RETRIES,
        # GET: the REST reads. POST: the token request (client credentials; sending it again
        # only costs a login). The revoke is not sent through this session.
        allowed_methods=frozenset(["GET", "POST"]),
        status_forcelist=RETRY_STATUSES,
        backoff_factor=BACKOFF_FACTOR,
        respect_retry_after_header=True,
        # After the last retry, hand back the last answer so the org's error can be reported.
        raise_on_status=False,
    )
    return HTTPAdapter(max_retries=retry)


def _is_loopback_http(url):
    parts = urlsplit(url)
    if parts.scheme != "http":
        return False
    host = parts.hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _allow_plain_http_for(url):
    """Lets oauthlib use `url` over plain HTTP when, and only when, it is on loopback."""
    if _USER_SET_INSECURE:
        return
    if _is_loopback_http(url):
        os.environ[INSECURE_TRANSPORT] = "1"
    else:
        os.environ.pop(INSECURE_TRANSPORT, None)


def _invalid_session(response):
    if response.status_code != 401:
        return False
    try:
        body = response.json()
    except ValueError:
        return False
    return isinstance(body, list) and any(
        isinstance(e, dict) and e.get("errorCode") == "INVALID_SESSION_ID" for e in body)


class Client:
    def __init__(self):
        self.token_url = _required("SF_TOKEN_URL")
        self.client_id = _required("SF_CLIENT_ID")
        self.client_secret = _required("SF_CLIENT_SECRET")
        self.api_version = os.environ.get("SF_API_VERSION") or "67.0"
        # The mock's CA over HTTPS; otherwise the system's trust store.
        self.verify = os.environ.get("SF_CA_FILE") or True
        # Set only when the integrator configured a scope; otherwise no scope is sent.
        self.scope = os.environ.get("SF_SCOPE") or None
        self.timeout = _request_timeout()
        self.session = OAuth2Session(client=BackendApplicationClient(client_id=self.client_id))
        self.session.verify = self.verify
        adapter = _retrying_adapter()
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)
        self.instance_url = None

    def fetch_token(self):
        _allow_plain_http_for(self.token_url)
        # fetch_token passes extra keyword arguments to oauthlib's prepare_request_body, which
        # adds scope= to the form; the session's own `scope` attribute is not sent in 1.3.0.
        extra = {"scope": self.scope} if self.scope else {}
        try:
            token = self.session.fetch_token(
                token_url=self.token_url,
                client_secret=self.client_secret,
                timeout=self.timeout,
                verify=self.verify,
                **extra,
            )
        except OAuth2Error as e:
            raise Refused(f"token: refused: {e.error}: {e.description}") from None
        except requests.RequestException as e:
            raise Refused(f"token: request failed: {type(e).__name__}: {e}") from None
        except ValueError as e:  # a body oauthlib cannot read as a token response
            raise Refused(f"token: unreadable response: {e}") from None
        instance_url = token.get("instance_url")
        if not instance_url:
            raise Refused("token: the response has no instance_url")
        self.instance_url = instance_url.rstrip("/")
        _log(f"token: granted for {self.instance_url}")

    def _get(self, path, params):
        url = self.instance_url + path
        _allow_plain_http_for(url)
        return self.session.get(url, params=params, timeout=self.timeout,
                                headers={"Accept": "application/json"})

    def call(self, path, params):
        """One REST read; after INVALID_SESSION_ID exactly one new token and one retry."""
        try:
            response = self._get(path, params)
            if _invalid_session(response):
                _log("call: INVALID_SESSION_ID, requesting a new token")
                self.fetch_token()
                response = self._get(path, params)
        except requests.RequestException as e:
            raise Refused(f"call: request failed: {type(e).__name__}: {e}") from None
        if response.status_code != 200:
            raise Refused(f"call: HTTP {response.status_code}: {response.text[:500]}")
        return response.json()

    def revoke(self):
        """Revokes the current token, one attempt; a failure here does not change the result.

        Called when the client is done, whether every read succeeded or not, so a client that
        gives up still ends its session. Sent with plain requests (no retries: the client is
        leaving), never with the session, which would add the token as a Bearer header too.
        """
        access_token = (self.session.token or {}).get("access_token")
        if not access_token:
            return
        revoke_url = self.token_url.rsplit("/", 1)[0] + "/revoke"
        try:
            requests.post(revoke_url, data={"token": access_token}, timeout=self.timeout,
                          verify=self.verify)
        except requests.RequestException as e:
            _log(f"revoke: {type(e).__name__} (ignored)")


def main():
    try:
        calls = int(os.environ.get("SF_CALLS") or "3")
    except ValueError:
        calls = -1
    if calls < 0:
        _log("sfclient.py: SF_CALLS must be a non-negative integer")
        return 2
    client = Client()
    status = 0
    try:
        client.fetch_token()
        path = f"/services/data/v{client.api_version}/query"
        # One read after another: SF_CONCURRENCY is a ceiling, and running in turn is allowed.
        for i in range(1, calls + 1):
            result = client.call(path, {"q": QUERY})
            _log(f"call {i}: HTTP 200, {result.get('totalSize')} records")
    except Refused as e:
        _log(str(e))
        status = 1
    client.revoke()  # whatever happened: a token the client no longer needs is ended
    return status


if __name__ == "__main__":
    sys.exit(main())
