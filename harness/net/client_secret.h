// Where `sfharness diagnose` and `sfharness nc` take the consumer secret from: a file named on the
// command line, else the SF_CLIENT_SECRET environment variable, never an argument that would sit
// in shell history. The secret is never printed; errors name where it was looked for.
#ifndef SFH_HARNESS_NET_CLIENT_SECRET_H_
#define SFH_HARNESS_NET_CLIENT_SECRET_H_

#include <expected>
#include <string>

#include "harness/net/http_client.h"

namespace sfh::harness::net {

// The secret from `secret_file` when it is not empty (its first line, without the line end;
// a missing, unreadable, empty or larger than 64 KiB file is an error), else from SF_CLIENT_SECRET
// (an error when unset or empty).
[[nodiscard]] std::expected<std::string, std::string> ReadClientSecret(
    const std::string& secret_file, const EnvLookup& getenv = RealEnvironment);

}  // namespace sfh::harness::net

#endif  // SFH_HARNESS_NET_CLIENT_SECRET_H_
