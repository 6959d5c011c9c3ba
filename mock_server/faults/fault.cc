#include "mock_server/faults/fault.h"

#include <fmt/format.h>
#include <fnmatch.h>

#include <array>
#include <utility>

#include "mock_server/endpoints/responses.h"
#include "salesforce/catalogue.h"
#include "salesforce/form.h"
#include "salesforce/jwt.h"
#include "salesforce/token_format.h"

namespace sfh::mock {
namespace {

namespace sf = ::sfh::salesforce;
using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr std::array<std::pair<FaultAction, std::string_view>, 22> kActions = {{
    {FaultAction::kRespond, "respond"},
    {FaultAction::kUnavailable, "unavailable"},
    {FaultAction::kExpireSessions, "expire_sessions"},
    {FaultAction::kRevokeSessions, "revoke_sessions"},
    {FaultAction::kMigrateInstance, "migrate_instance"},
    {FaultAction::kRefreshSandbox, "refresh_sandbox"},
    {FaultAction::kRotateSecret, "rotate_secret"},
    {FaultAction::kFlowOffInSettings, "flow_off_in_settings"},
    {FaultAction::kFlowOffInPolicies, "flow_off_in_policies"},
    {FaultAction::kUnsetRunAs, "unset_run_as"},
    {FaultAction::kDeactivateRunAs, "deactivate_run_as"},
    {FaultAction::kFreezeRunAs, "freeze_run_as"},
    {FaultAction::kExhaustDailyLimit, "exhaust_daily_limit"},
    {FaultAction::kExhaustConcurrentLimit, "exhaust_concurrent_limit"},
    {FaultAction::kDelay, "delay"},
    {FaultAction::kHang, "hang"},
    {FaultAction::kReset, "reset"},
    {FaultAction::kEmpty, "empty"},
    {FaultAction::kMalformed, "malformed"},
    {FaultAction::kTruncated, "truncated"},
    {FaultAction::kTamperSignature, "tamper_signature"},
    {FaultAction::kNone, "none"},
}};

// The keys only some actions take, and which.
struct ActionKey {
  std::string_view key;
  std::vector<FaultAction> actions;
};
const std::vector<ActionKey>& ActionKeys() {
  using A = FaultAction;
  static const std::vector<ActionKey> kKeys = {
      {"error", {A::kRespond}},
      {"retry_after_seconds", {A::kUnavailable}},
      {"to", {A::kMigrateInstance}},
      {"app",
       {A::kRotateSecret, A::kFlowOffInSettings, A::kFlowOffInPolicies, A::kUnsetRunAs,
        A::kDeactivateRunAs, A::kFreezeRunAs}},
      {"secret", {A::kRotateSecret}},
      {"seconds", {A::kExhaustConcurrentLimit}},
      {"delay_ms", {A::kDelay}},
      {"max_seconds", {A::kHang}},
  };
  return kKeys;
}

constexpr seconds kDefaultHang{300};

bool IsWireAction(FaultAction a) {
  return a == FaultAction::kDelay || a == FaultAction::kHang || a == FaultAction::kReset ||
         a == FaultAction::kEmpty || a == FaultAction::kMalformed || a == FaultAction::kTruncated;
}

// The wire layer answers these itself: the org never sees the request.
bool ShortCircuits(FaultAction a) {
  return a == FaultAction::kHang || a == FaultAction::kReset || a == FaultAction::kEmpty;
}

WireFault::Kind WireKind(FaultAction a) {
  switch (a) {
    case FaultAction::kDelay:
      return WireFault::Kind::kDelay;
    case FaultAction::kHang:
      return WireFault::Kind::kHang;
    case FaultAction::kReset:
      return WireFault::Kind::kReset;
    case FaultAction::kEmpty:
      return WireFault::Kind::kEmpty;
    case FaultAction::kMalformed:
      return WireFault::Kind::kMalformed;
    case FaultAction::kTruncated:
      return WireFault::Kind::kTruncated;
    default:
      return WireFault::Kind::kNone;
  }
}

// A token response whose `signature` is an HMAC with a key the client does not have, so a client
// that checks it against its secret finds the mismatch. Anything else passes unchanged.
void TamperSignature(HttpResponse& response) {
  if (response.status != 200) return;
  auto body = nlohmann::ordered_json::parse(response.body, nullptr, false);
  if (!body.is_object() || !body.contains("signature") || !body["signature"].is_string()) return;
  auto text = [&](const char* key) {
    const auto it = body.find(key);
    if (it == body.end()) return std::string();
    return it->is_string() ? it->get<std::string>() : it->dump();
  };
  body["signature"] =
      sf::TokenSignature("sfmock: not the consumer secret", text("id"), text("issued_at"));
  response.body = body.dump();
}

std::optional<VirtualHost> ParseHost(std::string_view text) {
  for (VirtualHost h : {VirtualHost::kMyDomain, VirtualHost::kLogin, VirtualHost::kTest,
                        VirtualHost::kLegacyInstance}) {
    if (ToString(h) == text) return h;
  }
  return std::nullopt;
}

std::string_view ToString(InstanceUrlHost host) {
  return host == InstanceUrlHost::kLegacyInstance ? "legacy_instance" : "my_domain";
}

void ReadOn(ObjectReader& r, FaultRule& rule) {
  auto on = r.String("on", true);
  if (!on) return;
  const size_t space = on->find(' ');
  if (space == std::string::npos) {
    rule.path = *on;
  } else {
    rule.method = on->substr(0, space);
    rule.path = on->substr(space + 1);
  }
  if (rule.path.empty() || (rule.path.front() != '/' && rule.path != "*")) {
    r.Error("on", fmt::format("expected \"[METHOD] /path/glob\", got \"{}\"", *on));
  }
}

void ReadTimes(ObjectReader& r, FaultRule& rule) {
  const nlohmann::json* times = r.Raw("times");
  if (times == nullptr) return;
  if (times->is_string() && *times == "always") {
    rule.times = kAlways;
  } else if (times->is_number_integer() && *times >= 1 && *times <= 1000000) {
    rule.times = times->get<int>();
  } else {
    r.Error("times", fmt::format("expected an integer from 1 to 1000000 or \"always\", got {}",
                                 times->dump()));
  }
}

void ReadDelay(ObjectReader& r, FaultRule& rule) {
  const nlohmann::json* delay = r.Raw("delay_ms");
  if (delay == nullptr) {
    if (rule.action == FaultAction::kDelay)
      r.Error("delay_ms", "is required with \"do\": \"delay\"");
    return;
  }
  constexpr int64_t kMax = 600000;
  auto valid = [](const nlohmann::json& v) {
    return v.is_number_integer() && v.get<int64_t>() >= 0 && v.get<int64_t>() <= kMax;
  };
  if (valid(*delay)) {
    rule.delay_min = rule.delay_max = milliseconds(delay->get<int64_t>());
  } else if (delay->is_array() && delay->size() == 2 && valid((*delay)[0]) && valid((*delay)[1]) &&
             (*delay)[0].get<int64_t>() <= (*delay)[1].get<int64_t>()) {
    rule.delay_min = milliseconds((*delay)[0].get<int64_t>());
    rule.delay_max = milliseconds((*delay)[1].get<int64_t>());
  } else {
    r.Error("delay_ms", fmt::format("expected milliseconds from 0 to {} or a range [min, max], "
                                    "got {}",
                                    kMax, delay->dump()));
  }
}

// Returns whether "do" named a known action.
bool ReadAction(ObjectReader& r, FaultRule& rule) {
  auto action = r.String("do", true);
  if (!action) return false;
  bool known = false;
  for (const auto& [a, name] : kActions) {
    if (name == *action) {
      rule.action = a;
      known = true;
    }
  }
  if (!known) {
    std::string names;
    for (const auto& [a, name] : kActions) names += (names.empty() ? "" : ", ") + std::string(name);
    r.Error("do", fmt::format("expected one of {}; got \"{}\"", names, *action));
    return false;
  }
  for (const auto& [key, actions] : ActionKeys()) {
    if (!r.Has(key) || std::find(actions.begin(), actions.end(), rule.action) != actions.end()) {
      continue;
    }
    std::string allowed;
    for (FaultAction a : actions)
      allowed += (allowed.empty() ? "" : ", ") + std::string(ToString(a));
    r.Skip(key);
    r.Error(key, fmt::format("only goes with \"do\": {}, not \"{}\"", allowed, *action));
  }
  return true;
}

}  // namespace

std::string_view ToString(FaultAction action) {
  for (const auto& [a, name] : kActions) {
    if (a == action) return name;
  }
  return "none";
}

FaultRule ReadFaultRule(ObjectReader& r) {
  FaultRule rule;
  const bool known_action = ReadAction(r, rule);
  ReadOn(r, rule);
  if (auto host = r.String("host")) {
    rule.host = ParseHost(*host);
    if (!rule.host) {
      r.Error("host", fmt::format("expected \"my_domain\", \"login\", \"test\" or "
                                  "\"legacy_instance\", got \"{}\"",
                                  *host));
    }
  }
  rule.client_id = r.String("client_id").value_or("");
  rule.when_state = r.String("when_state").value_or("");
  rule.set_state = r.String("set_state").value_or("");
  rule.after = seconds(r.Int("after_seconds", 0, 366LL * 24 * 3600).value_or(0));
  rule.every = static_cast<int>(r.Int("every", 1, 1000000).value_or(0));
  // "every 3rd" starts at the 3rd unless told otherwise, and keeps going.
  rule.nth = static_cast<int>(r.Int("nth", 1, 1000000).value_or(rule.every > 0 ? rule.every : 1));
  if (rule.every > 0) rule.times = kAlways;
  ReadTimes(r, rule);
  rule.probability = r.Number("probability", 0.0, 1.0).value_or(1.0);
  rule.seed = static_cast<uint64_t>(r.Int("seed", 0, INT64_MAX).value_or(1));

  if (known_action && rule.action != FaultAction::kRespond) {
    // ReadAction reported a stray "error".
  } else if (auto error = r.String("error")) {
    const auto* entry = sf::FindCatalogueEntry(*error);
    if (entry == nullptr || entry->id != *error) {
      r.Error("error", fmt::format("\"{}\" is not a catalogue entry id (`sfharness explain` "
                                   "lists them)",
                                   *error));
    } else {
      rule.error = *error;
    }
  } else if (rule.action == FaultAction::kRespond) {
    r.Error("error", "is required with \"do\": \"respond\" (a catalogue entry id)");
  }
  rule.retry_after_seconds =
      static_cast<int>(r.Int("retry_after_seconds", 0, 86400).value_or(rule.retry_after_seconds));
  if (auto to = r.String("to")) {
    rule.to_given = true;
    if (*to == "my_domain" || *to == "legacy_instance") {
      rule.to =
          *to == "legacy_instance" ? InstanceUrlHost::kLegacyInstance : InstanceUrlHost::kMyDomain;
    } else {
      r.Error("to", fmt::format("expected \"my_domain\" or \"legacy_instance\", got \"{}\"", *to));
    }
  }
  rule.app = r.String("app").value_or("");
  rule.secret = r.String("secret").value_or("");
  rule.duration = seconds(r.Int("seconds", 1, 86400).value_or(rule.duration.count()));
  ReadDelay(r, rule);
  if (rule.action == FaultAction::kHang) {
    rule.delay_max = seconds(r.Int("max_seconds", 1, 3600).value_or(kDefaultHang.count()));
  }
  rule.name = r.String("name").value_or(std::string(ToString(rule.action)));
  r.Finish();
  return rule;
}

std::optional<std::string> UnknownFaultApp(const FaultRule& rule, const OrgConfig& org) {
  if (rule.app.empty()) return std::nullopt;
  std::string names;
  for (const auto& app : org.apps) {
    if (app.name == rule.app) return std::nullopt;
    names += (names.empty() ? "\"" : ", \"") + app.name + "\"";
  }
  return fmt::format("no app named \"{}\" in the org (it has {})", rule.app, names);
}

nlohmann::ordered_json FaultRuleJson(const FaultRule& rule) {
  nlohmann::ordered_json j;
  j["name"] = rule.name;
  j["on"] = rule.method == "*" ? rule.path : rule.method + " " + rule.path;
  j["do"] = ToString(rule.action);
  if (rule.host) j["host"] = ToString(*rule.host);
  if (!rule.client_id.empty()) j["client_id"] = rule.client_id;
  if (!rule.when_state.empty()) j["when_state"] = rule.when_state;
  if (rule.after.count() > 0) j["after_seconds"] = rule.after.count();
  j["nth"] = rule.nth;
  if (rule.every > 0) j["every"] = rule.every;
  if (rule.times == kAlways) {
    j["times"] = "always";
  } else {
    j["times"] = rule.times;
  }
  if (rule.probability < 1.0) {
    j["probability"] = rule.probability;
    j["seed"] = rule.seed;
  }
  switch (rule.action) {
    case FaultAction::kRespond:
      j["error"] = rule.error;
      break;
    case FaultAction::kUnavailable:
      j["retry_after_seconds"] = rule.retry_after_seconds;
      break;
    case FaultAction::kMigrateInstance:
      if (rule.to_given) j["to"] = ToString(rule.to);
      break;
    case FaultAction::kRotateSecret:
      if (!rule.secret.empty()) j["secret"] = "[REDACTED]";
      break;
    case FaultAction::kExhaustConcurrentLimit:
      j["seconds"] = rule.duration.count();
      break;
    case FaultAction::kDelay:
      if (rule.delay_min == rule.delay_max) {
        j["delay_ms"] = rule.delay_min.count();
      } else {
        j["delay_ms"] = {rule.delay_min.count(), rule.delay_max.count()};
      }
      break;
    case FaultAction::kHang:
      j["max_seconds"] = std::chrono::duration_cast<seconds>(rule.delay_max).count();
      break;
    default:
      break;
  }
  if (!rule.app.empty()) j["app"] = rule.app;
  if (!rule.set_state.empty()) j["set_state"] = rule.set_state;
  return j;
}

std::string ClientIdFromCredentials(const HttpRequest& request) {
  if (auto authorization = request.headers.Get("Authorization")) {
    if (auto basic = sf::ParseBasicAuthorization(*authorization); basic && *basic) {
      return (*basic)->client_id;
    }
  }
  const auto& parsed = RequestParams(request);
  if (!parsed) return "";
  const sf::Form& params = *parsed;
  if (auto id = params.Get("client_id")) return std::string(*id);
  for (const char* name : {"client_assertion", "assertion"}) {
    if (auto assertion = params.Get(name)) {
      if (auto jwt = sf::DecodeJwt(*assertion);
          jwt && jwt->claims.contains("iss") && jwt->claims["iss"].is_string()) {
        return jwt->claims["iss"].get<std::string>();
      }
    }
  }
  return "";
}

std::optional<std::string> TokenOf(const HttpRequest& request) {
  if (auto bearer = BearerTokenOf(request)) return bearer;
  const auto& params = RequestParams(request);
  if (!params) return std::nullopt;
  if (auto token = params->Get("token")) return std::string(*token);
  return std::nullopt;
}

std::string ClientIdOf(const Org& org, const HttpRequest& request) {
  if (auto id = ClientIdFromCredentials(request); !id.empty()) return id;
  if (auto token = TokenOf(request)) return org.ClientIdOfToken(*token);
  return "";
}

FaultInjector::FaultInjector(Handler& inner, Org& org, std::vector<FaultRule> rules)
    : inner_(&inner), org_(&org), start_(org.clock().Now()) {
  for (auto& rule : rules) Arm(std::move(rule));
}

bool FaultInjector::Watches(const Armed& a, const HttpRequest& request,
                            std::string_view client_id) const {
  const FaultRule& rule = a.rule;
  if (rule.times != kAlways && a.fired >= rule.times) return false;
  if (!rule.when_state.empty() && rule.when_state != state_) return false;
  if (rule.method != "*" && !EqualsIgnoreCase(rule.method, request.method)) return false;
  if (rule.host && *rule.host != request.host) return false;
  if (!rule.client_id.empty() && rule.client_id != client_id) return false;
  if (rule.after.count() > 0 && org_->clock().Now() < start_ + rule.after) return false;
  return fnmatch(rule.path.c_str(), request.path.c_str(), 0) == 0;
}

bool FaultInjector::Due(Armed& a) {
  const FaultRule& rule = a.rule;
  if (a.matches < rule.nth) return false;
  if (rule.every > 0 && (a.matches - rule.nth) % rule.every != 0) return false;
  if (rule.probability < 1.0) {
    std::uniform_real_distribution<double> draw(0.0, 1.0);
    if (draw(a.random) >= rule.probability) return false;
  }
  return true;
}

void FaultInjector::ChangeState(const FaultRule& rule) {
  switch (rule.action) {
    case FaultAction::kExpireSessions:
      org_->ExpireAllSessions();
      break;
    case FaultAction::kRevokeSessions:
      org_->RevokeAllSessions();
      break;
    case FaultAction::kMigrateInstance: {
      InstanceUrlHost to = rule.to;
      if (!rule.to_given) {
        const auto lock = org_->ReadLock();
        to = org_->config().instance_url == InstanceUrlHost::kLegacyInstance
                 ? InstanceUrlHost::kMyDomain
                 : InstanceUrlHost::kLegacyInstance;
      }
      org_->MigrateInstance(to);
      break;
    }
    case FaultAction::kRefreshSandbox:
      org_->RefreshSandbox();
      break;
    case FaultAction::kRotateSecret:
      org_->RotateSecret(rule.app, rule.secret);
      break;
    case FaultAction::kFlowOffInSettings:
      org_->SetClientCredentialsFlow(rule.app, /*in_policies=*/false, false);
      break;
    case FaultAction::kFlowOffInPolicies:
      org_->SetClientCredentialsFlow(rule.app, /*in_policies=*/true, false);
      break;
    case FaultAction::kUnsetRunAs:
      org_->SetRunAs(rule.app, "");
      break;
    case FaultAction::kDeactivateRunAs:
      org_->DeactivateRunAs(rule.app, /*freeze=*/false);
      break;
    case FaultAction::kFreezeRunAs:
      org_->DeactivateRunAs(rule.app, /*freeze=*/true);
      break;
    case FaultAction::kExhaustDailyLimit:
      org_->ExhaustDailyLimit();
      break;
    case FaultAction::kExhaustConcurrentLimit:
      org_->ExhaustConcurrentLimit(org_->clock().Now() + rule.duration);
      break;
    default:
      break;
  }
}

HttpResponse FaultInjector::Handle(const HttpRequest& request) {
  std::optional<FaultRule> fired;
  milliseconds delay{0};
  {
    std::lock_guard lock(mu_);
    for (auto& a : armed_) {
      if (!Watches(a, request, request.client_id)) continue;
      ++a.matches;
      if (!Due(a)) continue;
      ++a.fired;
      if (a.rule.action == FaultAction::kDelay) {
        std::uniform_int_distribution<int64_t> pick(a.rule.delay_min.count(),
                                                    a.rule.delay_max.count());
        delay = milliseconds(pick(a.random));
      } else if (a.rule.action == FaultAction::kHang) {
        delay = a.rule.delay_max;
      }
      if (!a.rule.set_state.empty()) state_ = a.rule.set_state;
      fired = a.rule;
      break;  // one fault per request
    }
  }
  if (!fired) return inner_->Handle(request);

  HttpResponse response;
  switch (fired->action) {
    case FaultAction::kRespond:
      response = CatalogueError(fired->error);
      break;
    case FaultAction::kUnavailable:
      response = CatalogueError("rest.SERVER_UNAVAILABLE");
      response.headers.Set("Retry-After", std::to_string(fired->retry_after_seconds));
      break;
    case FaultAction::kTamperSignature:
      response = inner_->Handle(request);
      TamperSignature(response);
      break;
    default:
      if (ShortCircuits(fired->action)) {
        response.status = 0;  // nothing is sent
      } else {
        ChangeState(*fired);
        response = inner_->Handle(request);
      }
      break;
  }
  if (IsWireAction(fired->action)) response.wire = {WireKind(fired->action), delay};
  response.fault = fired->name;
  return response;
}

std::vector<FaultInjector::Status> FaultInjector::List() const {
  std::lock_guard lock(mu_);
  std::vector<Status> out;
  for (const auto& a : armed_) out.push_back({a.rule, a.matches, a.fired});
  return out;
}

void FaultInjector::Arm(FaultRule rule) {
  std::lock_guard lock(mu_);
  Armed a{std::move(rule)};
  a.random.seed(a.rule.seed);
  armed_.push_back(std::move(a));
}

bool FaultInjector::Disarm(std::string_view name) {
  std::lock_guard lock(mu_);
  return std::erase_if(armed_, [&](const Armed& a) { return a.rule.name == name; }) > 0;
}

void FaultInjector::DisarmAll() {
  std::lock_guard lock(mu_);
  armed_.clear();
}

std::string FaultInjector::state() const {
  std::lock_guard lock(mu_);
  return state_;
}

void FaultInjector::SetState(std::string state) {
  std::lock_guard lock(mu_);
  state_ = std::move(state);
}

}  // namespace sfh::mock
