#include "mock_server/faults/fault.h"

#include <fmt/format.h>
#include <fnmatch.h>

#include "mock_server/endpoints/responses.h"
#include "salesforce/catalogue.h"

namespace sfh::mock {
namespace {

std::string_view ActionName(FaultAction action) {
  switch (action) {
    case FaultAction::kExpireSessions:
      return "expire_sessions";
    case FaultAction::kRevokeSessions:
      return "revoke_sessions";
    case FaultAction::kRespond:
      return "respond";
  }
  return "respond";
}

bool Matches(const FaultRule& rule, const HttpRequest& request) {
  if (rule.method != "*" && !EqualsIgnoreCase(rule.method, request.method)) return false;
  return fnmatch(rule.path.c_str(), request.path.c_str(), 0) == 0;
}

}  // namespace

FaultRule ReadFaultRule(ObjectReader& r) {
  FaultRule rule;
  if (auto on = r.String("on", true)) {
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
  rule.nth = static_cast<int>(r.Int("nth", 1, 1000000).value_or(1));
  rule.repeat = r.Bool("repeat").value_or(false);
  if (auto action = r.String("do", true)) {
    if (*action == "expire_sessions") {
      rule.action = FaultAction::kExpireSessions;
    } else if (*action == "revoke_sessions") {
      rule.action = FaultAction::kRevokeSessions;
    } else if (*action == "respond") {
      rule.action = FaultAction::kRespond;
    } else {
      r.Error("do", fmt::format("expected one of expire_sessions, revoke_sessions, respond; "
                                "got \"{}\"",
                                *action));
    }
  }
  if (auto error = r.String("error")) {
    rule.error = *error;
    bool known = false;
    for (const auto& entry : salesforce::Catalogue()) known = known || entry.id == *error;
    if (!known) {
      r.Error("error", fmt::format("\"{}\" is not a catalogue entry id (see "
                                   "`sfharness explain`)",
                                   *error));
      rule.error.clear();
    }
  }
  if (rule.action == FaultAction::kRespond && rule.error.empty() && !r.Has("error")) {
    r.Error("error", "is required with \"do\": \"respond\" (a catalogue entry id)");
  }
  rule.name = r.String("name").value_or(std::string(ActionName(rule.action)));
  r.Finish();
  return rule;
}

FaultInjector::FaultInjector(Handler& inner, Org& org, std::vector<FaultRule> rules)
    : inner_(&inner), org_(&org) {
  for (auto& rule : rules) armed_.push_back(Armed{std::move(rule)});
}

HttpResponse FaultInjector::Handle(const HttpRequest& request) {
  std::string fired;
  std::string respond_with;
  {
    std::lock_guard lock(mu_);
    for (auto& a : armed_) {
      if (a.spent || !Matches(a.rule, request)) continue;
      if (++a.matches < a.rule.nth) continue;
      if (!a.rule.repeat) a.spent = true;
      fired = a.rule.name;
      switch (a.rule.action) {
        case FaultAction::kExpireSessions:
          org_->ExpireAllSessions();
          break;
        case FaultAction::kRevokeSessions:
          org_->RevokeAllSessions();
          break;
        case FaultAction::kRespond:
          respond_with = a.rule.error;
          break;
      }
      break;  // one fault per request
    }
  }
  HttpResponse response =
      respond_with.empty() ? inner_->Handle(request) : CatalogueError(respond_with);
  response.fault = fired;
  return response;
}

}  // namespace sfh::mock
