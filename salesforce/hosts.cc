#include "salesforce/hosts.h"

#include <array>
#include <cctype>
#include <vector>

namespace sfh::salesforce {
namespace {

// One sentence per kind of host, with its provenance (salesforce-wire.md section numbers).
constexpr std::string_view kMyDomainNote =
    "The org's My Domain: the client credentials token endpoint is served here and only here "
    "(INFERRED from many independent reports, salesforce-wire.md fact 1).";
constexpr std::string_view kSandboxNote =
    "A sandbox's My Domain, <mydomain>--<sandbox>.sandbox.my.salesforce.com since enhanced "
    "domains (CONFIRMED format, salesforce-wire.md 6): the client credentials token endpoint works "
    "here (INFERRED, fact 1).";
constexpr std::string_view kDeveloperNote =
    "A Developer Edition org's My Domain in the develop partition (CONFIRMED format, "
    "salesforce-wire.md 6): the client credentials token endpoint works here (INFERRED, fact 1).";
constexpr std::string_view kScratchNote =
    "A scratch org's My Domain in the scratch partition (CONFIRMED from real host names in "
    "jsforce tests, salesforce-wire.md 6): the client credentials token endpoint works here "
    "(INFERRED, fact 1).";
constexpr std::string_view kDemoNote =
    "A My Domain in the demo partition (CONFIRMED, MyDomainSettings.domainPartition, "
    "salesforce-wire.md 6): the client credentials token endpoint works here (INFERRED, fact 1).";
constexpr std::string_view kFreeNote =
    "A My Domain in the free partition (CONFIRMED, MyDomainSettings.domainPartition, "
    "salesforce-wire.md 6): the client credentials token endpoint works here (INFERRED, fact 1).";
constexpr std::string_view kTrailblazeNote =
    "A My Domain in the trailblaze partition (INFERRED partition name, salesforce-wire.md 6): the "
    "client credentials token endpoint works here (INFERRED, fact 1).";
constexpr std::string_view kPatchNote =
    "A My Domain in the patch partition (INFERRED partition name, salesforce-wire.md 6): the "
    "client credentials token endpoint works here (INFERRED, fact 1).";
constexpr std::string_view kLoginNote =
    "login.salesforce.com, the generic production login host and home of production identity URLs "
    "(CONFIRMED, fact 4): client credentials is refused here with invalid_grant \"request not "
    "supported on this domain\" (INFERRED, salesforce-wire.md fact 1).";
constexpr std::string_view kTestNote =
    "test.salesforce.com, the generic sandbox login host and home of sandbox identity URLs "
    "(CONFIRMED, fact 4): client credentials is refused here with invalid_grant \"request not "
    "supported on this domain\" (INFERRED, salesforce-wire.md fact 1).";
constexpr std::string_view kLegacyInstanceNote =
    "A pre-enhanced-domains instance (pod) host such as na123 or cs42: legacy, its redirections "
    "are "
    "being switched off, and it is not the My Domain the client credentials flow needs (INFERRED, "
    "salesforce-wire.md 6 and 8b).";
constexpr std::string_view kLegacySandboxNote =
    "A sandbox My Domain in its pre-enhanced-domains form (mydomain--sbx.csNN.my.salesforce.com or "
    "mydomain--sbx.my.salesforce.com), replaced by <mydomain>--<sandbox>.sandbox.my.salesforce.com "
    "since enhanced domains were enforced in Winter '24 (CONFIRMED enforcement, INFERRED format, "
    "salesforce-wire.md 6 and 8c); whether its token endpoint still answers is UNVERIFIED.";
constexpr std::string_view kSetupNote =
    "The org's setup domain (*.salesforce-setup.com): client credentials gets invalid_grant "
    "\"request not supported on this domain\" here (INFERRED, salesforce-wire.md 1.2).";
constexpr std::string_view kLightningNote =
    "The org's Lightning Experience domain, MyDomainName.lightning.force.com (CONFIRMED, "
    "salesforce-wire.md 6): a user-interface host, not where OAuth requests go; use the My Domain "
    "(INFERRED).";
constexpr std::string_view kSiteNote =
    "An Experience Cloud site domain, MyDomainName.my.site.com (CONFIRMED, salesforce-wire.md 6): "
    "whether the client credentials flow works on a site URL is UNVERIFIED (section 1.2); use the "
    "My Domain.";
constexpr std::string_view kApiPlatformNote =
    "api.salesforce.com, the API platform host a token response names as api_instance_url when "
    "scopes such as sfap_api are granted (CONFIRMED, salesforce-wire.md 1.3): it serves APIs such "
    "as "
    "the Agent API, not the token endpoint (INFERRED).";
constexpr std::string_view kLoopbackNote =
    "A loopback host, such as a mock org on this machine: not Salesforce, so nothing here says "
    "whether a token endpoint answers (the mock's virtual host decides).";
constexpr std::string_view kUnknownNote =
    "Not a Salesforce host this table knows (a custom domain or another service): nothing is known "
    "about a token endpoint there.";

// My Domain suffixes (CONFIRMED, salesforce-wire.md 6, forcedotcom/sfdx-core sfdcUrl.ts).
constexpr std::array<std::string_view, 4> kMyDomainSuffixes = {
    ".my.salesforce.com", ".my.salesforce.mil", ".my.sfcrmproducts.cn", ".my-salesforce.com"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string_view> SplitLabels(std::string_view s) {
  std::vector<std::string_view> labels;
  size_t start = 0;
  while (true) {
    const size_t dot = s.find('.', start);
    labels.push_back(s.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return labels;
}

bool IsDnsLabel(std::string_view label) {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
    return false;
  }
  for (char c : label) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
  }
  return true;
}

// "cs42", "na123", "eu5": two or three letters, one to three digits, an optional "s" (sandbox).
bool IsInstanceLabel(std::string_view label) {
  size_t i = 0;
  while (i < label.size() && std::isalpha(static_cast<unsigned char>(label[i]))) ++i;
  if (i < 2 || i > 3) return false;
  const size_t digits_start = i;
  while (i < label.size() && std::isdigit(static_cast<unsigned char>(label[i]))) ++i;
  const size_t digits = i - digits_start;
  if (digits < 1 || digits > 3) return false;
  if (i < label.size() && label[i] == 's') ++i;
  return i == label.size();
}

// The host part of a bare host, host:port, [v6]:port or URL, lower case, without a trailing dot.
std::string HostOf(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  if (const size_t scheme = text.find("://"); scheme != std::string_view::npos) {
    text.remove_prefix(scheme + 3);
  }
  text = text.substr(0, text.find_first_of("/?#"));
  if (const size_t at = text.rfind('@'); at != std::string_view::npos) text.remove_prefix(at + 1);
  if (text.starts_with('[')) {
    const size_t close = text.find(']');
    text = close == std::string_view::npos ? text.substr(1) : text.substr(1, close - 1);
  } else if (text.find(':') == text.rfind(':')) {
    // One colon at most: host:port. More is a bare IPv6 address, kept whole.
    text = text.substr(0, text.find(':'));
  }
  std::string host = Lower(text);
  if (host.ends_with('.')) host.pop_back();
  return host;
}

bool IsLoopback(std::string_view host) {
  if (host == "localhost" || host.ends_with(".localhost") || host == "::1") return true;
  // 127.0.0.0/8, dotted decimal.
  if (!host.starts_with("127.")) return false;
  const auto labels = SplitLabels(host);
  if (labels.size() != 4) return false;
  for (const auto label : labels) {
    if (label.empty() || label.size() > 3) return false;
    for (char c : label) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    }
  }
  return true;
}

// Splits "acme--uat" into my_domain and sandbox_name.
void SplitSandbox(std::string_view label, HostInfo& info) {
  const size_t sep = label.find("--");
  if (sep == std::string_view::npos) {
    info.my_domain = std::string(label);
    return;
  }
  info.my_domain = std::string(label.substr(0, sep));
  info.sandbox_name = std::string(label.substr(sep + 2));
}

// The labels in front of a My Domain suffix: "acme", "acme--uat.sandbox", "acme-dev-ed.develop",
// "acme--uat.cs42", "acme--uat" (pre-enhanced sandbox).
HostInfo ClassifyMyDomainPrefix(std::string_view prefix) {
  HostInfo info;
  info.note = kUnknownNote;
  const auto labels = SplitLabels(prefix);
  for (const auto label : labels) {
    if (!IsDnsLabel(label)) return info;
  }
  const std::string_view name = labels[0];
  if (labels.size() == 1) {
    if (name.find("--") != std::string_view::npos) {
      info.host_class = HostClass::kLegacySandboxMyDomain;
      info.note = kLegacySandboxNote;
      SplitSandbox(name, info);
      return info;
    }
    info.host_class = HostClass::kMyDomain;
    info.note = kMyDomainNote;
    info.my_domain = std::string(name);
    info.client_credentials_allowed = true;
    return info;
  }
  if (labels.size() != 2) return info;
  const std::string_view partition = labels[1];
  struct Partition {
    std::string_view name;
    HostClass host_class;
    std::string_view note;
  };
  static constexpr Partition kPartitions[] = {
      {"sandbox", HostClass::kSandboxMyDomain, kSandboxNote},
      {"develop", HostClass::kDeveloperMyDomain, kDeveloperNote},
      {"scratch", HostClass::kScratchMyDomain, kScratchNote},
      {"demo", HostClass::kMyDomain, kDemoNote},
      {"free", HostClass::kMyDomain, kFreeNote},
      {"trailblaze", HostClass::kMyDomain, kTrailblazeNote},
      {"patch", HostClass::kMyDomain, kPatchNote},
  };
  for (const auto& p : kPartitions) {
    if (partition != p.name) continue;
    info.host_class = p.host_class;
    info.note = p.note;
    info.client_credentials_allowed = true;
    if (p.host_class == HostClass::kSandboxMyDomain) {
      SplitSandbox(name, info);
    } else {
      info.my_domain = std::string(name);
    }
    return info;
  }
  if (IsInstanceLabel(partition)) {
    info.host_class = HostClass::kLegacySandboxMyDomain;
    info.note = kLegacySandboxNote;
    SplitSandbox(name, info);
  }
  return info;
}

// My Domain, sandbox and partition names of a host under a UI or site suffix
// ("acme--uat.sandbox" in acme--uat.sandbox.lightning.force.com).
void NamesFromPrefix(std::string_view prefix, HostInfo& info) {
  const auto labels = SplitLabels(prefix);
  if (labels.empty() || !IsDnsLabel(labels[0]) || labels.size() > 2) return;
  if (labels.size() == 2 && labels[1] == "sandbox") {
    SplitSandbox(labels[0], info);
  } else {
    info.my_domain = std::string(labels[0]);
  }
}

}  // namespace

std::string_view ToString(OrgKind kind) {
  switch (kind) {
    case OrgKind::kProduction:
      return "production";
    case OrgKind::kSandbox:
      return "sandbox";
    case OrgKind::kDeveloper:
      return "developer";
    case OrgKind::kScratch:
      return "scratch";
  }
  return "production";
}

std::string_view ToString(HostClass host_class) {
  switch (host_class) {
    case HostClass::kMyDomain:
      return "my_domain";
    case HostClass::kSandboxMyDomain:
      return "sandbox_my_domain";
    case HostClass::kDeveloperMyDomain:
      return "developer_my_domain";
    case HostClass::kScratchMyDomain:
      return "scratch_my_domain";
    case HostClass::kLogin:
      return "login";
    case HostClass::kTest:
      return "test";
    case HostClass::kLegacyInstance:
      return "legacy_instance";
    case HostClass::kLegacySandboxMyDomain:
      return "legacy_sandbox_my_domain";
    case HostClass::kSetupDomain:
      return "setup_domain";
    case HostClass::kLightning:
      return "lightning";
    case HostClass::kSite:
      return "site";
    case HostClass::kApiPlatform:
      return "api_platform";
    case HostClass::kLoopback:
      return "loopback";
    case HostClass::kUnknown:
      return "unknown";
  }
  return "unknown";
}

std::string MyDomainHost(std::string_view my_domain, OrgKind kind, std::string_view sandbox_name) {
  std::string name = Lower(my_domain);
  switch (kind) {
    case OrgKind::kProduction:
      return name + ".my.salesforce.com";
    case OrgKind::kSandbox:
      if (!sandbox_name.empty()) name += "--" + Lower(sandbox_name);
      return name + ".sandbox.my.salesforce.com";
    case OrgKind::kDeveloper:
    case OrgKind::kScratch:
      // Developer Edition and scratch org names carry "-dev-ed" (CONFIRMED, salesforce-wire.md 6).
      if (!name.ends_with("-dev-ed")) name += "-dev-ed";
      return name + (kind == OrgKind::kDeveloper ? ".develop" : ".scratch") + ".my.salesforce.com";
  }
  return name + ".my.salesforce.com";
}

std::string_view IdentityHost(OrgKind kind) {
  switch (kind) {
    case OrgKind::kProduction:
    case OrgKind::kDeveloper:
      return kLoginHost;
    case OrgKind::kSandbox:
    case OrgKind::kScratch:
      return kTestHost;
  }
  return kLoginHost;
}

HostInfo ClassifyHost(std::string_view host_or_url) {
  const std::string host = HostOf(host_or_url);
  HostInfo info;
  info.note = kUnknownNote;
  if (host.empty()) return info;
  if (IsLoopback(host)) {
    info.host_class = HostClass::kLoopback;
    info.note = kLoopbackNote;
    return info;
  }
  if (host == kLoginHost) {
    info.host_class = HostClass::kLogin;
    info.note = kLoginNote;
    return info;
  }
  if (host == kTestHost) {
    info.host_class = HostClass::kTest;
    info.note = kTestNote;
    return info;
  }
  if (host == "api.salesforce.com") {
    info.host_class = HostClass::kApiPlatform;
    info.note = kApiPlatformNote;
    return info;
  }
  for (const auto suffix : kMyDomainSuffixes) {
    if (host.size() > suffix.size() && host.ends_with(suffix)) {
      return ClassifyMyDomainPrefix(std::string_view(host).substr(0, host.size() - suffix.size()));
    }
  }
  struct Family {
    std::string_view suffix;
    HostClass host_class;
    std::string_view note;
  };
  static constexpr Family kFamilies[] = {
      {".my.salesforce-setup.com", HostClass::kSetupDomain, kSetupNote},
      {".salesforce-setup.com", HostClass::kSetupDomain, kSetupNote},
      {".lightning.force.com", HostClass::kLightning, kLightningNote},
      {".my.site.com", HostClass::kSite, kSiteNote},
  };
  for (const auto& family : kFamilies) {
    if (host.size() > family.suffix.size() && host.ends_with(family.suffix)) {
      info.host_class = family.host_class;
      info.note = family.note;
      NamesFromPrefix(std::string_view(host).substr(0, host.size() - family.suffix.size()), info);
      return info;
    }
  }
  constexpr std::string_view kSalesforceCom = ".salesforce.com";
  if (host.ends_with(kSalesforceCom)) {
    const std::string_view first =
        std::string_view(host).substr(0, host.size() - kSalesforceCom.size());
    if (IsInstanceLabel(first)) {
      info.host_class = HostClass::kLegacyInstance;
      info.note = kLegacyInstanceNote;
    }
  }
  return info;
}

}  // namespace sfh::salesforce
