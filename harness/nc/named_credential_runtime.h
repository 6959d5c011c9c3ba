// What Salesforce's runtime does for `callout:NAME/path` when the Named Credential is backed by
// an External Credential with a client-credentials variant: ask the External Credential's token
// URL for a token as the named principal (cached for the run), send the callout to the Named
// Credential's URL with the token, and on a 401 fetch a new token once and retry. Every exchange
// is recorded as sent and answered (unredacted: render it through the Redactor given, which
// learns the secret and every token). Sending goes through a SendFunction, so tests can run the
// emulation against the in-process mock or a fake. Not thread-safe: one runtime per run.
#ifndef SFH_HARNESS_NC_NAMED_CREDENTIAL_RUNTIME_H_
#define SFH_HARNESS_NC_NAMED_CREDENTIAL_RUNTIME_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/nc/resolve.h"
#include "harness/net/http_client.h"
#include "salesforce/form.h"
#include "salesforce/redactor.h"

namespace sfh::harness::nc {

using SendFunction = std::function<net::Outcome(const net::Request&)>;

// What the runtime is told: the resolved metadata with --map applied.
struct RuntimeConfig {
  std::string external_credential;  // with `principal`, the token cache's key
  std::string principal;
  ClientAuthentication client_authentication = ClientAuthentication::kBody;
  std::string token_url;             // where the token request goes (AuthProviderUrl, mapped)
  std::optional<std::string> scope;  // sent as `scope` when set and not empty
  std::string base_url;              // the Named Credential's Url as written (mapped per callout)
  std::vector<OriginMapping> mappings;  // applied to each callout's URL
  bool generate_authorization_header = true;
  // On a 401 answer to a callout: one new token and one retry (INFERRED/UNVERIFIED, see the .cc).
  bool retry_on_401 = true;
};

// The principal's credentials: not metadata (salesforce-wire.md §7.2).
struct PrincipalCredentials {
  std::string client_id;
  std::string client_secret;
};

// One request and what came back.
struct RecordedExchange {
  enum class Kind { kToken, kCallout };
  Kind kind = Kind::kToken;
  int call = 0;        // the callout (1-based) it was made for
  bool retry = false;  // a callout sent again after a 401, or the token request before it
  net::Request request;
  net::Outcome outcome;
};

enum class CalloutStatus {
  kSucceeded,      // the callout was answered 2xx
  kCalloutFailed,  // the callout was answered otherwise, or did not get through
  kTokenFailed,    // no token: the token request was refused or did not get through
};

struct CalloutResult {
  CalloutStatus status = CalloutStatus::kSucceeded;
  size_t exchange = 0;  // index in exchanges() of the exchange that decided it
  std::string detail;   // for kTokenFailed without an error answer, e.g. "no access_token"
};

class NamedCredentialRuntime {
 public:
  // `redactor` must outlive the runtime; it is given the secret now and each token on arrival.
  NamedCredentialRuntime(RuntimeConfig config, PrincipalCredentials credentials, SendFunction send,
                         salesforce::Redactor& redactor);

  // One callout, `method` to <base_url><path> (path appended exactly, e.g. "/services/data/").
  CalloutResult Callout(std::string_view method, std::string_view path);

  const std::vector<RecordedExchange>& exchanges() const { return exchanges_; }
  int token_requests() const;
  // The token request's form fields in the order sent (unredacted).
  std::vector<salesforce::FormField> TokenForm() const;
  // The URL a callout to `path` goes to, mapped.
  std::string CalloutUrl(std::string_view path) const;
  const RuntimeConfig& config() const { return config_; }

 private:
  // The cached token, or a new one from the token endpoint (nullopt and `result` filled when
  // none could be had).
  std::optional<std::string> Token(int call, bool retry, CalloutResult& result);

  RuntimeConfig config_;
  PrincipalCredentials credentials_;
  SendFunction send_;
  salesforce::Redactor* redactor_;
  std::map<std::string, std::string> tokens_;  // "<external credential>/<principal>" -> token
  std::vector<RecordedExchange> exchanges_;
  int calls_ = 0;
};

}  // namespace sfh::harness::nc

#endif  // SFH_HARNESS_NC_NAMED_CREDENTIAL_RUNTIME_H_
