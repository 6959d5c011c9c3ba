#include "harness/diagnose/causes.h"

#include <fmt/format.h>

#include <cstdlib>
#include <iostream>

namespace sfh::harness::diagnose {
namespace {

constexpr char kWire[] = "salesforce-wire.md";

constexpr CauseEntry kCauses[] = {
    // What was asked for.
    {"input.bad_domain", "The domain is not a host name or an http(s) URL",
     "A typo, a path or query where the host belongs, or a scheme other than https.",
     "Pass the org's My Domain host, e.g. --domain acme.my.salesforce.com (Setup > My Domain shows "
     "it), or its URL, https://acme.my.salesforce.com.",
     "RFC 3986"},

    // Which host.
    {"host.lightning", "The Lightning Experience host is not the API host",
     "acme.lightning.force.com serves the user interface; OAuth and the REST API live on the My "
     "Domain.",
     "Use https://<MyDomain>.my.salesforce.com (Setup > My Domain > Current My Domain URL).",
     "salesforce-wire.md §6 (CONFIRMED)"},
    {"host.site", "An Experience Cloud site host is not the org's My Domain",
     "acme.my.site.com serves a site; the client credentials flow runs on the My Domain.",
     "Use https://<MyDomain>.my.salesforce.com for the token request and the REST API.",
     "salesforce-wire.md §6 (CONFIRMED host forms)"},
    {"host.api_platform", "api.salesforce.com is not an org's token endpoint",
     "The shared API platform host answers for some newer APIs (Agent API, Models API) with tokens "
     "minted on the org's My Domain.",
     "Request the token from https://<MyDomain>.my.salesforce.com/services/oauth2/token.",
     "salesforce-wire.md §6 (INFERRED)"},
    {"host.legacy_instance",
     "A legacy instance host (naNN, csNN.salesforce.com) is not the My Domain",
     "Pod hosts predate enhanced domains (enforced from Winter '24); redirections from them are "
     "being switched off (Summer '25, Winter '26), and the token endpoint works on the My Domain "
     "only.",
     "Use https://<MyDomain>.my.salesforce.com (Setup > My Domain); store the token response's "
     "instance_url rather than a pod name.",
     "salesforce-wire.md §6 (CONFIRMED enforcement; INFERRED redirect switch-off)"},
    {"host.legacy_sandbox", "A pre-enhanced-domains sandbox host",
     "acme--uat.cs42.my.salesforce.com is the old sandbox form; since enhanced domains (enforced "
     "Winter '24) it is acme--uat.sandbox.my.salesforce.com.",
     "Use https://<MyDomain>--<sandbox>.sandbox.my.salesforce.com (the sandbox's Setup > My "
     "Domain).",
     "salesforce-wire.md §6 and §8 c (CONFIRMED)"},
    {"host.not_salesforce", "The host is not a Salesforce host name",
     "A custom domain, a proxy or a typo. Custom domains serve sites, not the OAuth token "
     "endpoint of the client credentials flow.",
     "Use the org's My Domain, https://<MyDomain>.my.salesforce.com, unless this is a mock or a "
     "proxy you run on purpose.",
     "salesforce-wire.md §6"},
    {"host.not_an_org", "The host does not answer as a Salesforce org",
     "GET /services/data/ should list the org's API versions without a session; this host answers "
     "something else: a web server, a proxy's error page, a mistyped host.",
     "Check the My Domain name in Setup > My Domain; point --domain at "
     "https://<MyDomain>.my.salesforce.com.",
     "salesforce-wire.md §5 (CONFIRMED: /services/data/ needs no session)"},
    {"host.not_current_instance", "The org does not live on this host any more",
     "The host answers INVALID_SESSION_ID to a request that carried no session: an instance host "
     "the org has left, with legacy redirections switched off.",
     "Use the org's My Domain URL, which stays the same across instance migrations "
     "(https://<MyDomain>.my.salesforce.com).",
     "salesforce-wire.md §6 (INFERRED); the answer is a choice of the mock (docs/wire-choices.md)"},
    {"host.redirects", "The host redirects the API elsewhere",
     "An old instance or domain redirecting to the org's current host. API clients do not follow "
     "redirects for POSTs, and redirections of legacy hosts are being switched off.",
     "Use the redirect's host (shown) as the domain.", "salesforce-wire.md §6 (INFERRED)"},

    {"org.api_version_not_served", "The API version asked for is not served by this org",
     "--api-version is newer than the org's release, or older than v31.0.",
     "Use a version the org lists (GET /services/data/); the newest is used instead.",
     "salesforce-wire.md §5 (CONFIRMED version list)"},

    // The network and TLS.
    {"network.dns", "The host name does not resolve",
     "A typo in the My Domain name, a My Domain renamed since, a sandbox name that changed, or a "
     "DNS resolver that cannot see the internet.",
     "Copy the exact host from Setup > My Domain (for a sandbox, its own Setup); check the "
     "machine's DNS, or set HTTPS_PROXY when only a proxy reaches the internet.",
     "getaddrinfo"},
    {"network.refused", "The host refused the connection",
     "Nothing listens on that port: a wrong port, an http:// service on an https port, a "
     "firewall that rejects, or a stopped mock.",
     "Check the URL's port and scheme; Salesforce answers on 443 only.", "connect(2)"},
    {"network.connect_timeout", "No connection within the timeout",
     "A firewall dropping outbound 443, a network that only reaches the internet through a "
     "proxy, or an unreachable address.",
     "Allow outbound HTTPS to *.salesforce.com, or set HTTPS_PROXY to your proxy; raise "
     "--timeout on a slow link.",
     "connect(2)"},
    {"network.timeout", "Connected, but no complete answer within the timeout",
     "The server or a proxy held the request, or the network lost the answer.",
     "Retry with a larger --timeout; check status.salesforce.com for the org's instance.",
     "the request's read timeout"},
    {"network.transport", "The connection broke before a complete answer",
     "A proxy or firewall cutting connections, or the server closing them.",
     "Retry; check any proxy or TLS-inspecting firewall between this machine and Salesforce.",
     "the connection"},
    {"network.proxy", "The proxy could not be used",
     "HTTPS_PROXY names a proxy that is down, unreachable, or wants credentials.",
     "Check HTTPS_PROXY (http://user:password@proxy:port) and NO_PROXY; ask the proxy's owners "
     "whether CONNECT to *.salesforce.com:443 is allowed.",
     "curl's proxy variables"},
    {"network.bad_proxy", "The proxy setting cannot be read",
     "HTTPS_PROXY (or http_proxy, ALL_PROXY) is not a proxy URL, or asks for a proxy protocol "
     "other than HTTP CONNECT.",
     "Set it as http://[user:password@]host:port.", "curl's proxy variables"},
    {"tls.untrusted_certificate", "The server's certificate is not trusted",
     "A TLS-inspecting proxy or firewall re-signing traffic with its own CA, a self-signed "
     "certificate (a mock, a test server), or a CA bundle too old for Salesforce's chain.",
     "Pass the proxy's (or mock's) CA certificate with --ca-file; update the system's CA "
     "certificates (ca-certificates). Use --insecure only to look, never in an integration.",
     "OpenSSL's verification"},
    {"tls.host_name_mismatch", "The certificate does not name the host",
     "A host that is an alias of another (a CNAME to Salesforce without a certificate for it), "
     "or a proxy answering with the wrong certificate.",
     "Use the host the certificate names: the org's My Domain, <MyDomain>.my.salesforce.com.",
     "RFC 6125"},
    {"tls.handshake", "No TLS handshake",
     "The port speaks plain HTTP, or no TLS version and cipher are shared.",
     "Use https:// on 443 for Salesforce; http:// only for a mock that serves plain HTTP.",
     "OpenSSL"},
    {"tls.ca_file", "The CA file cannot be read",
     "--ca-file names a missing file, or one without PEM certificates.",
     "Pass a PEM file of CA certificates (-----BEGIN CERTIFICATE-----).", "OpenSSL"},
    {"tls.not_verified", "TLS is not verified (--insecure)",
     "Verification was switched off on request: anyone between here and the org could read the "
     "secret.",
     "Drop --insecure; pass the CA with --ca-file instead.", "OpenSSL"},
    {"transport.plain_http", "Plain HTTP to a Salesforce host",
     "Salesforce serves OAuth and the API over HTTPS only; a client sending the secret over "
     "http:// leaks it.",
     "Use https://.", "salesforce-wire.md §1.2"},

    // What the answers say.
    {"discovery.unavailable", "The OpenID discovery document is not served",
     "/.well-known/openid-configuration should be served on every My Domain; without it clients "
     "that read token_endpoint from discovery fail.",
     "Check the host is the org's My Domain.", "salesforce-wire.md §3 (CONFIRMED)"},
    {"token.not_a_token_response", "The token endpoint answered 200 without a usable token",
     "access_token, instance_url or id is missing: not Salesforce's token endpoint, or a proxy "
     "rewriting answers.",
     "Point --domain at the org's My Domain; look at the proxy.",
     "salesforce-wire.md §1.3 (CONFIRMED fields)"},
    {"token.signature_mismatch", "The token response's signature does not verify",
     "signature should be Base64(HMAC-SHA256(consumer secret, id + issued_at)); it does not match "
     "with this secret: the answer was altered on the way or did not come from the org.",
     "Check any proxy between here and the org. Clients should refuse such tokens.",
     "salesforce-wire.md §1.4 (CONFIRMED)"},
    {"introspect.inactive", "The token just issued introspects as inactive",
     "The session was revoked at once, the session timeout is shorter than the probes took, or "
     "introspection answered for another app.",
     "Check the app's Session Timeout (Policies > OAuth Policies, "
     "ExtlClntAppOauthConfigurablePolicies.sessionTimeoutInMinutes).",
     "salesforce-wire.md §4.2 (CONFIRMED)"},
    {"limits.running_low", "The daily API request allowance is nearly used up",
     "DailyApiRequests Remaining is under 5% of Max: calls will soon answer "
     "REQUEST_LIMIT_EXCEEDED.",
     "Reduce calls (reuse tokens, batch reads) or buy more API capacity; Setup > Company "
     "Information shows API Requests, Last 24 Hours.",
     "salesforce-wire.md §5 (CONFIRMED limits resource)"},
};

}  // namespace

std::span<const CauseEntry> DiagnoseCauses() { return kCauses; }

Cause DiagnoseCause(std::string_view id) {
  for (const CauseEntry& entry : kCauses) {
    if (entry.id == id) {
      return Cause{std::string(entry.id),           std::string(entry.summary),
                   std::string(entry.likely_cause), std::string(entry.fix),
                   std::string(entry.reference),    true};
    }
  }
  std::cerr << "diagnose: no cause '" << id << "'\n";
  std::abort();
}

Cause CatalogueCause(const salesforce::CatalogueEntry& entry) {
  return Cause{
      std::string(entry.id),
      fmt::format("{}: {}", entry.code, entry.description),
      std::string(entry.causes),
      std::string(entry.fix),
      fmt::format("{} §2 ({}; {})", kWire, salesforce::ToString(entry.provenance), entry.source),
      true};
}

Cause TransportCause(const net::Failure& failure) {
  using K = net::FailureKind;
  switch (failure.kind) {
    case K::kBadUrl:
      return DiagnoseCause("input.bad_domain");
    case K::kBadProxy:
      return DiagnoseCause("network.bad_proxy");
    case K::kResolve:
      return DiagnoseCause("network.dns");
    case K::kConnect:
      return DiagnoseCause("network.refused");
    case K::kConnectTimeout:
      return DiagnoseCause("network.connect_timeout");
    case K::kProxy:
      return DiagnoseCause("network.proxy");
    case K::kTlsHandshake:
      return DiagnoseCause("tls.handshake");
    case K::kTlsCertificate:
      return DiagnoseCause("tls.untrusted_certificate");
    case K::kTlsHostName:
      return DiagnoseCause("tls.host_name_mismatch");
    case K::kCaFile:
      return DiagnoseCause("tls.ca_file");
    case K::kTimeout:
      return DiagnoseCause("network.timeout");
    case K::kTransport:
      return DiagnoseCause("network.transport");
  }
  return DiagnoseCause("network.transport");
}

Cause UnknownAnswer(int status, std::string_view body) {
  return Cause{"unknown",
               fmt::format("HTTP {} that neither the catalogue nor diagnose knows", status),
               fmt::format("The answer, as received: {}", body.empty() ? "(empty body)" : body),
               "Compare it with salesforce-wire.md §2; if Salesforce really answers this, the "
               "catalogue (salesforce/catalogue.cc) should learn it.",
               "unknown",
               false};
}

}  // namespace sfh::harness::diagnose
