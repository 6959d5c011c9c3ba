// The harness standing on the wire between a client and a live org: a reverse proxy served by
// the mock's wire layer (one loopback listener per virtual host, HTTPS with a CA of its own), that
// forwards every request to the org over verified TLS, rewrites the org's hosts in answers
// (instance_url, id, discovery's URLs, Location) to its own listeners so the client keeps
// talking through it, and journals every exchange exactly as the mock does, so the same checks
// judge the client. Read-only unless writes are allowed: other methods than GET, HEAD and
// OPTIONS are refused before they reach the org, except the POSTs of OAuth itself (token,
// revoke, introspect). Thread-safe.
#ifndef SFH_HARNESS_TARGET_RECORDING_PROXY_H_
#define SFH_HARNESS_TARGET_RECORDING_PROXY_H_

#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "harness/net/http_client.h"
#include "mock_server/journal/journal.h"
#include "mock_server/service.h"
#include "salesforce/redactor.h"

namespace sfh::harness {

struct RecordingProxyOptions {
  // The org's My Domain origin, e.g. "https://acme.my.salesforce.com" (any http(s) origin: the
  // tests put an sfmock there).
  std::string my_domain;
  // The org's identity host (the token response's `id` lives there): login.salesforce.com for
  // production and Developer Edition, test.salesforce.com for sandboxes and scratch orgs. Empty:
  // chosen from the My Domain's kind, and in any case learned from the first `id` seen.
  std::string identity_host;
  net::ClientOptions net;  // how the org is reached: CA file, proxy, timeouts
  bool allow_writes = false;
};

class RecordingProxy : public mock::Servable {
 public:
  using Sender = std::function<net::Outcome(const net::Request&)>;

  // `send` reaches the org; net::Send with options.net when empty.
  explicit RecordingProxy(RecordingProxyOptions options, Sender send = nullptr);

  mock::HttpResponse Serve(mock::HttpRequest request) override;
  void SetHostUrls(mock::HostUrls urls) override;

  const mock::Journal& journal() const { return journal_; }
  // Knows the secret it was given (AddSecret) and every token the org issued through it.
  const salesforce::Redactor& redactor() const { return redactor_; }
  // The client's consumer secret: redacted, and used to sign a token response again once its
  // `id` names the proxy (only when the org's signature verified with it).
  void AddSecret(std::string_view secret);

  // Access tokens the org issued through the proxy and no successful revoke has ended yet.
  std::vector<std::string> LiveTokens() const;
  // Revokes every live token directly at the org (POST /services/oauth2/revoke, not journaled):
  // a run never leaves sessions behind. Returns how many the org confirmed.
  size_t RevokeLiveTokens();

  // The upstream origin each of the proxy's origins stands for, as learned so far.
  std::map<std::string, std::string> Mappings() const;

 private:
  std::string UpstreamOf(mock::VirtualHost host) const;
  std::string Rewrite(std::string text) const;
  std::string RewriteBody(const mock::HttpRequest& request, const std::string& body) const;
  void Learn(const mock::HttpRequest& request, const mock::HttpResponse& response);

  RecordingProxyOptions options_;
  Sender send_;
  mock::Journal journal_;
  salesforce::Redactor redactor_;
  mutable std::mutex mu_;
  mock::HostUrls proxy_urls_;
  std::string identity_upstream_;  // the org's identity host origin
  std::string instance_upstream_;  // instance_url's origin when it is not the My Domain
  std::vector<std::string> live_tokens_;
  std::vector<std::string> secrets_;
};

}  // namespace sfh::harness

#endif  // SFH_HARNESS_TARGET_RECORDING_PROXY_H_
