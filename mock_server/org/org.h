// The mock org's state: its configuration, its tokens (access and refresh), its authorization
// codes, its API usage, and the URLs of its virtual hosts. Request in, response out happens in
// endpoints/; this class holds what the endpoints read and change. Thread-safe: every method may
// be called from many threads at once.
#ifndef SFH_MOCK_SERVER_ORG_ORG_H_
#define SFH_MOCK_SERVER_ORG_ORG_H_

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "mock_server/org/clock.h"
#include "mock_server/org/org_config.h"
#include "mock_server/org/query_cursors.h"
#include "mock_server/org/session_table.h"
#include "salesforce/redactor.h"

namespace sfh::mock {

// Base URLs ("https://127.0.0.1:43121", no trailing '/') of the listeners playing each host.
struct HostUrls {
  std::string my_domain;
  std::string login;            // login.salesforce.com
  std::string test;             // test.salesforce.com
  std::string legacy_instance;  // empty when the org has no legacy instance listener
  bool operator==(const HostUrls&) const = default;
};

enum class TokenKind { kAccess, kRefresh };
enum class TokenFormat { kOpaque, kJwt };

// One issued token. Access tokens live for the session timeout; refresh tokens until revoked.
struct Session {
  TokenKind kind = TokenKind::kAccess;
  TokenFormat format = TokenFormat::kOpaque;
  std::string access_token;  // the token itself (access or refresh)
  std::string client_id;
  std::string app_name;
  std::string user_id;
  std::string username;
  std::string scope;          // space-separated granted scopes
  std::string instance_url;   // as handed out in the token response
  std::string identity_url;   // the token response's "id"
  std::string refresh_token;  // for an access token minted from a refresh token: that token
  std::chrono::system_clock::time_point issued_at{};
  std::chrono::system_clock::time_point expires_at{};  // max() for refresh tokens
  bool revoked = false;
};

// What IssueSession needs beyond the app and the user.
struct SessionOptions {
  std::string scope;
  std::string refresh_token;  // the refresh token this access token is minted from, if any
};

// An authorization code handed out by /services/oauth2/authorize, redeemable once.
struct AuthorizationCode {
  std::string code;
  std::string client_id;
  std::string redirect_uri;
  std::string code_challenge;         // empty without PKCE
  std::string code_challenge_method;  // "S256" or "plain"
  std::string user_id;
  std::string scope;
  std::chrono::system_clock::time_point expires_at{};
  bool used = false;
};

// How much an org remembers at most, so a mock that runs for hours stays within a bounded
// memory. sfmock's options set them (docs/LIMITS.md).
struct OrgLimits {
  // Sessions (access and refresh tokens). Beyond this the oldest issued are forgotten, as if
  // revoked (a session holds about 250 bytes). A client that keeps one token while others ask for
  // this many more sees 401 INVALID_SESSION_ID and asks again.
  size_t max_sessions = 50'000;
  // Open query cursors, and the bytes of their rows (query_cursors.h).
  size_t max_query_cursors = QueryCursors::kDefaultMaxCursors;
  size_t max_query_cursor_bytes = QueryCursors::kDefaultMaxBytes;
};

class Org {
 public:
  // `clock` must outlive the org. Throws std::invalid_argument when a limit is 0.
  Org(OrgConfig config, const Clock& clock, OrgLimits limits = {});
  ~Org();

  // The configuration. Endpoints read it, and keep pointers into it (FindApp, FindUser), only
  // while holding ReadLock(): the state changes below edit it under the exclusive lock, so they
  // wait for requests in flight and no request sees a half-made change.
  const OrgConfig& config() const { return config_; }
  [[nodiscard]] std::shared_lock<std::shared_mutex> ReadLock() const {
    return std::shared_lock(config_mu_);
  }
  const Clock& clock() const { return *clock_; }
  // Every consumer secret is registered at construction, every token when issued.
  const salesforce::Redactor& redactor() const { return redactor_; }

  void SetHostUrls(HostUrls urls);
  // The URLs as last set: a snapshot that a later SetHostUrls leaves as it is, valid as long as
  // the org. Every token request reads it, so reading takes no lock and writes no shared memory:
  // every version set is kept (SetHostUrls is called once or twice in an org's life: when it is
  // made and when the listeners start; setting the same URLs again keeps nothing new). A mutex
  // or a shared_ptr's count written by every request moved between the cores on each one.
  // (libstdc++'s std::atomic<std::shared_ptr> spins on a lock bit: with more busy threads than
  // cores, a holder switched out made token requests wait for whole time slices.)
  const HostUrls* host_urls() const { return urls_.load(std::memory_order_acquire); }
  // The URL of the identity host: login for production and Developer Edition orgs, test for
  // sandboxes and scratch orgs (salesforce-wire.md 1.3 and 6). Like the instance URL, a string
  // of the snapshot above: valid as long as the org.
  const std::string& IdentityBaseUrl() const;
  const std::string& InstanceUrl() const;
  std::string IdentityUrl(const UserConfig& user) const;

  const AppConfig* FindApp(std::string_view client_id) const;
  const AppConfig* FindAppByName(std::string_view name) const;
  const UserConfig* FindUser(std::string_view username) const;
  const UserConfig* FindUserById(std::string_view id) const;  // 15 or 18 characters
  // The records of an object ("Account"); empty when it has none.
  const std::vector<RecordConfig>& Records(std::string_view object) const;
  const RecordConfig* FindRecord(std::string_view object, std::string_view id) const;

  // The access-token lifetime for `app`: its policy's session timeout, else the org's.
  std::chrono::minutes SessionTimeout(const AppConfig& app) const;
  // Whether `user` may use `app` under its Permitted Users policy (pre-authorised by profile or
  // permission set when the policy is admin-approved).
  bool IsPreAuthorized(const AppConfig& app, const UserConfig& user) const;
  // Whether a caller at `remote` ("127.0.0.1:5555") passes the IP restrictions for `user`
  // through `app`: the profile's Login IP Ranges, widened by the app's trusted IP ranges, unless
  // the app's IP relaxation policy bypasses them (INFERRED, docs/wire-choices.md).
  bool IpAllowed(const AppConfig& app, const UserConfig& user, std::string_view remote) const;

  // Creates an access token for `app` running as `user`, valid for the session timeout; a JWT
  // when the app issues JWT-based access tokens. With reuse_live_token (a wire choice) a live
  // token of the same app, user and scope is returned instead.
  Session IssueSession(const AppConfig& app, const UserConfig& user, SessionOptions options);
  // Creates a refresh token, valid until revoked.
  Session IssueRefreshToken(const AppConfig& app, const UserConfig& user, std::string scope);
  // The live access token: known, not revoked, not expired. nullopt otherwise.
  std::optional<Session> Authenticate(std::string_view access_token) const;
  // Any live token, access or refresh.
  std::optional<Session> FindLiveToken(std::string_view token) const;
  // The consumer key of the app a token (live or not) was issued to; "" when unknown.
  std::string ClientIdOfToken(std::string_view token) const;
  // Revokes one token (a refresh token takes the access tokens minted from it along); false
  // when it is unknown, already revoked or expired.
  bool Revoke(std::string_view token);
  // State changes for faults: every session expires now / is revoked now.
  void ExpireAllSessions();
  void RevokeAllSessions();
  // Live access tokens: issued, not revoked, not expired.
  size_t SessionCount() const;

  // State changes that edit the configuration, for faults and the admin API. Each takes the
  // configuration's lock exclusively: never call one while holding ReadLock(). `app_name` empty
  // means every app; each returns false when no app has that name (nothing changes then).
  //
  // New tokens name `to` as their instance_url; the other instance host answers as a host the
  // org has left (choices.moved_instance). Live tokens stay valid.
  void MigrateInstance(InstanceUrlHost to);
  // A sandbox refresh: a new org id; every token, code and query cursor gone; API usage reset.
  // The My Domain, apps, credentials and users stay.
  void RefreshSandbox();
  // How many org ids RefreshSandbox has changed in this process, in any org: a router that
  // indexes orgs by id knows from it when to look again.
  static uint64_t OrgIdChanges();
  // The app's consumer secret becomes `new_secret` (a new 64-character one when empty); the old
  // one is refused from now on. Live tokens stay valid.
  bool RotateSecret(std::string_view app_name, std::string new_secret);
  // Switches the client credentials flow in the owner's settings (in_policies false) or the
  // admin's policies.
  bool SetClientCredentialsFlow(std::string_view app_name, bool in_policies, bool enabled);
  // Sets (or with "" unsets) the app's Run As user.
  bool SetRunAs(std::string_view app_name, std::string username);
  // Deactivates or freezes the apps' Run As users; false when no such app or it has none.
  bool DeactivateRunAs(std::string_view app_name, bool freeze);
  // The org's daily API requests are used up: every REST call answers REQUEST_LIMIT_EXCEEDED.
  void ExhaustDailyLimit();
  // Until `until` on the mock's clock every versioned REST call answers the concurrent variant
  // of REQUEST_LIMIT_EXCEEDED, as if the org's long-running requests filled every slot.
  void ExhaustConcurrentLimit(std::chrono::system_clock::time_point until);
  bool ConcurrentLimitExhausted() const;

  // Hands out a new authorization code.
  std::string IssueAuthorizationCode(AuthorizationCode code);
  // The code, marked used; nullopt when unknown or already used. The caller checks expiry.
  std::optional<AuthorizationCode> RedeemAuthorizationCode(std::string_view code);

  // Counts one API request against the daily limit; returns the usage after counting.
  int CountApiRequest();
  int api_usage() const;

  // Open query cursors: what nextRecordsUrl points at. Thread-safe on its own.
  QueryCursors& query_cursors() const { return query_cursors_; }

  // The RSA key that signs JWT-based access tokens; /id/keys publishes its public half. Made on
  // first use (2048 bits), so orgs that never issue JWTs pay nothing.
  const class SigningKey& signing_key() const;

 private:
  std::string MintAccessToken(const AppConfig& app, const Session& session) const;
  static Session Unpack(const SessionTable::Entry& stored);
  // Stores a session (with mu_ held), forgetting the oldest beyond the limit.
  void Keep(const Session& s);
  // The stored shape equal to `s`'s, made if none is (with mu_ held).
  std::shared_ptr<const Session> ShapeOf(const Session& s);

  // Applies `change` to every app (empty name) or the named one, under the exclusive lock.
  bool ChangeApps(std::string_view app_name, const std::function<void(AppConfig&)>& change);

  mutable std::shared_mutex config_mu_;  // guards config_; see ReadLock
  OrgConfig config_;
  const Clock* clock_;
  salesforce::Redactor redactor_;
  std::mutex urls_mu_;  // guards kept_urls_
  std::vector<std::unique_ptr<const HostUrls>> kept_urls_;
  std::atomic<const HostUrls*> urls_{nullptr};
  mutable std::mutex mu_;
  SessionTable sessions_;
  // The shapes most recently stored, newest last; a few, as tokens come from few apps and users.
  std::vector<std::shared_ptr<const Session>> recent_shapes_;
  std::unordered_map<std::string, AuthorizationCode> codes_;
  int api_usage_ = 0;
  std::chrono::system_clock::time_point concurrent_exhausted_until_{};
  mutable QueryCursors query_cursors_;
  mutable std::once_flag key_once_;
  mutable std::shared_ptr<const SigningKey> signing_key_;
};

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_ORG_ORG_H_
