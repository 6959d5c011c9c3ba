// `sfharness nc --metadata DIR --named-credential NAME`: emulates offline what Salesforce's
// runtime does for a callout through a Named Credential backed by an External Credential with a
// client-credentials variant (harness/nc/named_credential_runtime.h), pointed at sfmock or an org
// with --map, and prints every exchange (redacted), the verdict and the cause.
#ifndef SFH_HARNESS_NC_NC_COMMAND_H_
#define SFH_HARNESS_NC_NC_COMMAND_H_

#include <ostream>
#include <string>
#include <vector>

#include "harness/net/http_client.h"

namespace sfh::harness::nc {

inline constexpr int kNcExitPassed = 0;  // every callout answered 2xx
inline constexpr int kNcExitFailed = 1;  // the token request or a callout failed
inline constexpr int kNcExitUsage = 2;   // usage, metadata or credential errors: nothing sent

struct NcOptions {
  std::string metadata_dir;
  std::string named_credential;
  std::string principal;           // empty: the External Credential's first by sequence
  std::string client_id;           // empty: SF_CLIENT_ID
  std::string client_secret_file;  // empty: SF_CLIENT_SECRET (harness/net/client_secret.h)
  std::string path = "/services/data/";
  std::string method = "GET";  // GET, HEAD or OPTIONS
  int calls = 1;
  std::vector<std::string> maps;  // ORIGIN=URL
  std::string ca_file;
  bool insecure = false;
  int timeout_seconds = 30;
  bool retry_on_401 = true;
  std::string format = "text";  // text or json
};

// The methods `nc` sends: safe ones only (RFC 9110 9.2.1). --calls N repeats the callout and a 401
// replays it, which must not create or change anything in the org.
bool IsAllowedMethod(std::string_view method);

// Runs the command: the report on `out`, errors and warnings on `err`; returns the exit code.
// SF_CLIENT_ID, SF_CLIENT_SECRET and the proxy variables are read through `environment`.
int RunNc(const NcOptions& options, std::ostream& out, std::ostream& err,
          const net::EnvLookup& environment = net::RealEnvironment);

}  // namespace sfh::harness::nc

#endif  // SFH_HARNESS_NC_NC_COMMAND_H_
