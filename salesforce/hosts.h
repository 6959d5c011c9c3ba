// Salesforce host names: building an org's My Domain host, where its identity URLs live, and
// recognising which kind of Salesforce host a URL names and whether the client credentials token
// endpoint works there (salesforce-wire.md facts 1, 4 and 9, sections 1.2 and 6). Pure functions,
// no I/O (no DNS), thread-safe.
#ifndef SFH_SALESFORCE_HOSTS_H_
#define SFH_SALESFORCE_HOSTS_H_

#include <string>
#include <string_view>

namespace sfh::salesforce {

// The kind of org, which decides its host names.
enum class OrgKind { kProduction, kSandbox, kDeveloper, kScratch };
std::string_view ToString(OrgKind kind);  // "production", "sandbox", "developer", "scratch"

// The org's My Domain host since enhanced domains (CONFIRMED, salesforce-wire.md fact 9), lower
// case:
//   kProduction  acme.my.salesforce.com
//   kSandbox     acme--uat.sandbox.my.salesforce.com ("--<sandbox_name>" only when it is given)
//   kDeveloper   acme-dev-ed.develop.my.salesforce.com
//   kScratch     acme-dev-ed.scratch.my.salesforce.com
// For kDeveloper and kScratch "-dev-ed" is appended when `my_domain` does not end with it.
// `sandbox_name` is used for kSandbox only.
std::string MyDomainHost(std::string_view my_domain, OrgKind kind,
                         std::string_view sandbox_name = "");

inline constexpr std::string_view kLoginHost = "login.salesforce.com";
inline constexpr std::string_view kTestHost = "test.salesforce.com";

// The host of the org's identity URLs (the token response's `id`): never the My Domain
// (CONFIRMED, salesforce-wire.md fact 4). kLoginHost for production and Developer Edition,
// kTestHost for sandboxes (CONFIRMED, section 1.3). kTestHost for scratch orgs too: INFERRED,
// because scratch orgs authenticate through test.salesforce.com (the Salesforce CLI audiences JWTs
// for orgs on sandbox instances at test.salesforce.com, forcedotcom/sfdx-core sfdcUrl.ts).
std::string_view IdentityHost(OrgKind kind);

enum class HostClass {
  kMyDomain,               // acme.my.salesforce.com (also .my.salesforce.mil, .my.sfcrmproducts.cn)
  kSandboxMyDomain,        // acme--uat.sandbox.my.salesforce.com
  kDeveloperMyDomain,      // acme-dev-ed.develop.my.salesforce.com
  kScratchMyDomain,        // acme-dev-ed.scratch.my.salesforce.com
  kLogin,                  // login.salesforce.com
  kTest,                   // test.salesforce.com
  kLegacyInstance,         // na123.salesforce.com, cs42.salesforce.com
  kLegacySandboxMyDomain,  // acme--uat.cs42.my.salesforce.com, acme--uat.my.salesforce.com
  kSetupDomain,            // acme.my.salesforce-setup.com
  kLightning,              // acme.lightning.force.com
  kSite,                   // acme.my.site.com (Experience Cloud)
  kApiPlatform,            // api.salesforce.com
  kLoopback,               // localhost, 127.0.0.0/8, ::1 (a mock)
  kUnknown,
};
std::string_view ToString(HostClass host_class);  // "my_domain", "sandbox_my_domain", ...

struct HostInfo {
  HostClass host_class = HostClass::kUnknown;
  std::string my_domain;     // lower case, e.g. "acme" or "acme-dev-ed"; empty when not known
  std::string sandbox_name;  // lower case, e.g. "uat"; empty when not a sandbox or not known
  // Whether POST <host>/services/oauth2/token with grant_type=client_credentials works here.
  bool client_credentials_allowed = false;
  // One sentence: what this host is and whether the token endpoint works there, with provenance.
  std::string_view note;
};

// Classifies a bare host ("acme.my.salesforce.com"), host:port, or a URL
// ("https://acme.my.salesforce.com/services/oauth2/token"); case-insensitive, a trailing dot is
// ignored. Besides .my.salesforce.com it knows the Government Cloud (.my.salesforce.mil), Alibaba
// Cloud (.my.sfcrmproducts.cn) and the alternative .my-salesforce.com My Domain suffixes
// (CONFIRMED, salesforce-wire.md 6 from forcedotcom/sfdx-core sfdcUrl.ts). The partitions demo,
// free, trailblaze and patch are kMyDomain, named in the note. Never fails: what it does not
// recognise is kUnknown.
HostInfo ClassifyHost(std::string_view host_or_url);

}  // namespace sfh::salesforce

#endif  // SFH_SALESFORCE_HOSTS_H_
