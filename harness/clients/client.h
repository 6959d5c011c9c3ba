// Clients under test. The client contract (docs/ARCHITECTURE.md): a program gets the org's
// URLs, its credentials and a workload through environment variables, obtains a token with
// client credentials, makes SF_CALLS REST reads reusing it, and exits 0 on success. The harness
// judges what it did on the wire, not what it says.
#ifndef SFH_HARNESS_CLIENTS_CLIENT_H_
#define SFH_HARNESS_CLIENTS_CLIENT_H_

#include <chrono>
#include <map>
#include <string>

#include "harness/runner/result.h"
#include "harness/target/target.h"

namespace sfh::harness {

struct ClientEnvironment {
  Endpoint endpoint;
  ClientWorkload workload;
  std::string scenario_id;
};

// The contract's variables: SF_MY_DOMAIN_URL, SF_TOKEN_URL, SF_LOGIN_URL, SF_CLIENT_ID,
// SF_CLIENT_SECRET, SF_API_VERSION, SF_CALLS, SF_CONCURRENCY, SF_REQUEST_TIMEOUT, SF_SCENARIO,
// SF_SCOPE when the scenario configures a scope, and with a CA file SF_CA_FILE plus the usual
// SSL_CERT_FILE, CURL_CA_BUNDLE, REQUESTS_CA_BUNDLE and NODE_EXTRA_CA_CERTS.
std::map<std::string, std::string> ContractVariables(const ClientEnvironment& env);

class Client {
 public:
  virtual ~Client() = default;
  virtual std::string label() const = 0;
  // Runs the client once against env, within timeout. The result is unredacted: the runner
  // redacts it. Never throws.
  virtual ClientRun Run(const ClientEnvironment& env, std::chrono::milliseconds timeout) = 0;
};

// Any program: `command` runs under /bin/sh -c with the contract's variables set.
class CommandClient : public Client {
 public:
  explicit CommandClient(std::string command) : command_(std::move(command)) {}
  std::string label() const override { return command_; }
  ClientRun Run(const ClientEnvironment& env, std::chrono::milliseconds timeout) override;

 private:
  std::string command_;
};

// A correct client, in process: discovery, one token (its signature verified), REST reads
// reusing it, one new token and one retry after INVALID_SESSION_ID, and revocation at the end.
class ReferenceClient : public Client {
 public:
  std::string label() const override { return "reference client"; }
  ClientRun Run(const ClientEnvironment& env, std::chrono::milliseconds timeout) override;
};

}  // namespace sfh::harness

#endif  // SFH_HARNESS_CLIENTS_CLIENT_H_
