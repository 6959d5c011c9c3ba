// The mock org's state: its configuration, its sessions (access tokens), its API usage, and
// the URLs of its virtual hosts. Request in, response out happens in endpoints/; this class
// holds what the endpoints read and change. Thread-safe: every method may be called from many
// threads at once.
#ifndef SFH_MOCK_SERVER_ORG_ORG_H_
#define SFH_MOCK_SERVER_ORG_ORG_H_

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "mock_server/org/clock.h"
#include "mock_server/org/org_config.h"
#include "salesforce/redactor.h"

namespace sfh::mock {

// Base URLs ("https://127.0.0.1:43121", no trailing '/') of the listeners playing each host.
struct HostUrls {
  std::string my_domain;
  std::string login;            // login.salesforce.com, or test.salesforce.com for a sandbox
  std::string legacy_instance;  // empty when the org has no legacy instance listener
};

struct Session {
  std::string access_token;
  std::string client_id;
  std::string user_id;
  std::string username;
  std::string scope;         // space-separated granted scopes
  std::string instance_url;  // as handed out in the token response
  std::string identity_url;  // the token response's "id"
  std::chrono::system_clock::time_point issued_at{};
  std::chrono::system_clock::time_point expires_at{};
  bool revoked = false;
};

class Org {
 public:
  // `clock` must outlive the org.
  Org(OrgConfig config, const Clock& clock);

  const OrgConfig& config() const { return config_; }
  const Clock& clock() const { return *clock_; }
  // Every consumer secret is registered at construction, every token when issued.
  const salesforce::Redactor& redactor() const { return redactor_; }

  void SetHostUrls(HostUrls urls);
  HostUrls host_urls() const;
  // The URL of the identity host: login for production orgs, test for sandboxes.
  std::string IdentityBaseUrl() const;
  std::string InstanceUrl() const;

  const AppConfig* FindApp(std::string_view client_id) const;
  const UserConfig* FindUser(std::string_view username) const;
  const RecordConfig* FindAccount(std::string_view id) const;

  // Creates a session for `app` running as `user` with `scope`, valid for the session timeout.
  Session IssueSession(const AppConfig& app, const UserConfig& user, std::string scope);
  // The live session for `access_token`: known, not revoked, not expired. nullopt otherwise.
  std::optional<Session> Authenticate(std::string_view access_token) const;
  // Revokes one token; false when it is unknown or already revoked or expired.
  bool Revoke(std::string_view access_token);
  // State changes for faults: every session expires now / is revoked now.
  void ExpireAllSessions();
  void RevokeAllSessions();
  size_t SessionCount() const;

  // Counts one API request against the daily limit; returns the usage after counting.
  int CountApiRequest();
  int api_usage() const;

 private:
  OrgConfig config_;
  const Clock* clock_;
  salesforce::Redactor redactor_;
  mutable std::mutex mu_;
  HostUrls urls_;
  std::unordered_map<std::string, Session> sessions_;
  int api_usage_ = 0;
};

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_ORG_ORG_H_
