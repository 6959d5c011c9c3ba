#include "salesforce/hosts.h"

#include <gtest/gtest.h>

namespace sfh::salesforce {
namespace {

TEST(MyDomainHost, BuildsEachKindOfOrg) {
  EXPECT_EQ(MyDomainHost("acme", OrgKind::kProduction), "acme.my.salesforce.com");
  EXPECT_EQ(MyDomainHost("acme", OrgKind::kSandbox, "uat"), "acme--uat.sandbox.my.salesforce.com");
  EXPECT_EQ(MyDomainHost("acme", OrgKind::kDeveloper), "acme-dev-ed.develop.my.salesforce.com");
  EXPECT_EQ(MyDomainHost("acme", OrgKind::kScratch), "acme-dev-ed.scratch.my.salesforce.com");
}

TEST(MyDomainHost, AddsDevEdOnlyWhenMissingAndLowersCase) {
  EXPECT_EQ(MyDomainHost("acme-dev-ed", OrgKind::kDeveloper),
            "acme-dev-ed.develop.my.salesforce.com");
  EXPECT_EQ(MyDomainHost("Brave-Fox-1234-dev-ed", OrgKind::kScratch),
            "brave-fox-1234-dev-ed.scratch.my.salesforce.com");
  EXPECT_EQ(MyDomainHost("ACME", OrgKind::kSandbox, "UAT"), "acme--uat.sandbox.my.salesforce.com");
  EXPECT_EQ(MyDomainHost("acme--uat", OrgKind::kSandbox), "acme--uat.sandbox.my.salesforce.com");
  // The sandbox name means nothing to other kinds.
  EXPECT_EQ(MyDomainHost("acme", OrgKind::kProduction, "uat"), "acme.my.salesforce.com");
}

TEST(IdentityHost, LoginForProductionAndDeveloperTestForSandboxAndScratch) {
  EXPECT_EQ(IdentityHost(OrgKind::kProduction), "login.salesforce.com");
  EXPECT_EQ(IdentityHost(OrgKind::kDeveloper), "login.salesforce.com");
  EXPECT_EQ(IdentityHost(OrgKind::kSandbox), "test.salesforce.com");
  EXPECT_EQ(IdentityHost(OrgKind::kScratch), "test.salesforce.com");
  EXPECT_EQ(ToString(OrgKind::kScratch), "scratch");
}

TEST(ClassifyHost, MyDomainForms) {
  auto info = ClassifyHost("acme.my.salesforce.com");
  EXPECT_EQ(info.host_class, HostClass::kMyDomain);
  EXPECT_EQ(info.my_domain, "acme");
  EXPECT_EQ(info.sandbox_name, "");
  EXPECT_TRUE(info.client_credentials_allowed);
  EXPECT_NE(info.note.find("INFERRED"), std::string_view::npos);

  info = ClassifyHost("acme--uat.sandbox.my.salesforce.com");
  EXPECT_EQ(info.host_class, HostClass::kSandboxMyDomain);
  EXPECT_EQ(info.my_domain, "acme");
  EXPECT_EQ(info.sandbox_name, "uat");
  EXPECT_TRUE(info.client_credentials_allowed);

  info = ClassifyHost("acme-dev-ed.develop.my.salesforce.com");
  EXPECT_EQ(info.host_class, HostClass::kDeveloperMyDomain);
  EXPECT_EQ(info.my_domain, "acme-dev-ed");
  EXPECT_TRUE(info.client_credentials_allowed);

  info = ClassifyHost("brave-fox-1234-dev-ed.scratch.my.salesforce.com");
  EXPECT_EQ(info.host_class, HostClass::kScratchMyDomain);
  EXPECT_EQ(info.my_domain, "brave-fox-1234-dev-ed");
  EXPECT_TRUE(info.client_credentials_allowed);

  info = ClassifyHost("acme.trailblaze.my.salesforce.com");
  EXPECT_EQ(info.host_class, HostClass::kMyDomain);
  EXPECT_EQ(info.my_domain, "acme");
  EXPECT_NE(info.note.find("trailblaze"), std::string_view::npos);
}

TEST(ClassifyHost, OtherMyDomainSuffixes) {
  auto info = ClassifyHost("agency.my.salesforce.mil");
  EXPECT_EQ(info.host_class, HostClass::kMyDomain);
  EXPECT_EQ(info.my_domain, "agency");
  info = ClassifyHost("agency--dev.sandbox.my.salesforce.mil");
  EXPECT_EQ(info.host_class, HostClass::kSandboxMyDomain);
  EXPECT_EQ(info.sandbox_name, "dev");
  EXPECT_EQ(ClassifyHost("acme.my.sfcrmproducts.cn").host_class, HostClass::kMyDomain);
  EXPECT_EQ(ClassifyHost("acme.my-salesforce.com").host_class, HostClass::kMyDomain);
}

TEST(ClassifyHost, LoginTestAndApiPlatform) {
  auto info = ClassifyHost("login.salesforce.com");
  EXPECT_EQ(info.host_class, HostClass::kLogin);
  EXPECT_FALSE(info.client_credentials_allowed);
  EXPECT_NE(info.note.find("request not supported on this domain"), std::string_view::npos);
  info = ClassifyHost("test.salesforce.com");
  EXPECT_EQ(info.host_class, HostClass::kTest);
  EXPECT_FALSE(info.client_credentials_allowed);
  info = ClassifyHost("api.salesforce.com");
  EXPECT_EQ(info.host_class, HostClass::kApiPlatform);
  EXPECT_FALSE(info.client_credentials_allowed);
}

TEST(ClassifyHost, LegacyForms) {
  EXPECT_EQ(ClassifyHost("na123.salesforce.com").host_class, HostClass::kLegacyInstance);
  EXPECT_EQ(ClassifyHost("cs42.salesforce.com").host_class, HostClass::kLegacyInstance);
  EXPECT_EQ(ClassifyHost("eu5.salesforce.com").host_class, HostClass::kLegacyInstance);
  EXPECT_EQ(ClassifyHost("usa2s.salesforce.com").host_class, HostClass::kLegacyInstance);
  EXPECT_FALSE(ClassifyHost("na123.salesforce.com").client_credentials_allowed);

  auto info = ClassifyHost("acme--uat.cs42.my.salesforce.com");
  EXPECT_EQ(info.host_class, HostClass::kLegacySandboxMyDomain);
  EXPECT_EQ(info.my_domain, "acme");
  EXPECT_EQ(info.sandbox_name, "uat");
  EXPECT_FALSE(info.client_credentials_allowed);
  info = ClassifyHost("acme--uat.my.salesforce.com");
  EXPECT_EQ(info.host_class, HostClass::kLegacySandboxMyDomain);
  EXPECT_EQ(info.sandbox_name, "uat");
}

TEST(ClassifyHost, SetupLightningAndSiteDomains) {
  auto info = ClassifyHost("acme.my.salesforce-setup.com");
  EXPECT_EQ(info.host_class, HostClass::kSetupDomain);
  EXPECT_EQ(info.my_domain, "acme");
  EXPECT_FALSE(info.client_credentials_allowed);
  info = ClassifyHost("acme--uat.sandbox.my.salesforce-setup.com");
  EXPECT_EQ(info.host_class, HostClass::kSetupDomain);
  EXPECT_EQ(info.sandbox_name, "uat");

  info = ClassifyHost("acme.lightning.force.com");
  EXPECT_EQ(info.host_class, HostClass::kLightning);
  EXPECT_EQ(info.my_domain, "acme");
  EXPECT_FALSE(info.client_credentials_allowed);
  info = ClassifyHost("acme--uat.sandbox.lightning.force.com");
  EXPECT_EQ(info.host_class, HostClass::kLightning);
  EXPECT_EQ(info.my_domain, "acme");
  EXPECT_EQ(info.sandbox_name, "uat");

  info = ClassifyHost("acme.my.site.com");
  EXPECT_EQ(info.host_class, HostClass::kSite);
  EXPECT_EQ(info.my_domain, "acme");
  EXPECT_FALSE(info.client_credentials_allowed);
  EXPECT_NE(info.note.find("UNVERIFIED"), std::string_view::npos);
}

TEST(ClassifyHost, AcceptsUrlsPortsAndAnyCase) {
  auto info = ClassifyHost("https://Acme.My.Salesforce.com/services/oauth2/token?x=1#f");
  EXPECT_EQ(info.host_class, HostClass::kMyDomain);
  EXPECT_EQ(info.my_domain, "acme");
  EXPECT_EQ(ClassifyHost("acme.my.salesforce.com:443").host_class, HostClass::kMyDomain);
  EXPECT_EQ(ClassifyHost("https://user@acme.my.salesforce.com:8443/x").host_class,
            HostClass::kMyDomain);
  EXPECT_EQ(ClassifyHost("acme.my.salesforce.com.").host_class, HostClass::kMyDomain);
  EXPECT_EQ(ClassifyHost("  https://LOGIN.salesforce.com  ").host_class, HostClass::kLogin);
  EXPECT_EQ(ClassifyHost("https://test.salesforce.com/id/00D/005").host_class, HostClass::kTest);
}

TEST(ClassifyHost, LoopbackAndUnknown) {
  EXPECT_EQ(ClassifyHost("http://127.0.0.1:41234/services/oauth2/token").host_class,
            HostClass::kLoopback);
  EXPECT_EQ(ClassifyHost("localhost:8080").host_class, HostClass::kLoopback);
  EXPECT_EQ(ClassifyHost("http://[::1]:8080/").host_class, HostClass::kLoopback);
  EXPECT_EQ(ClassifyHost("::1").host_class, HostClass::kLoopback);
  EXPECT_EQ(ClassifyHost("127.0.0.1").host_class, HostClass::kLoopback);

  for (const char* host :
       {"", "example.com", "salesforce.com", "my.salesforce.com", "www.salesforce.com",
        "a.b.c.my.salesforce.com", "acme.my.salesforce.com.evil.example", "128.0.0.1",
        "evil-salesforce.com", "-bad.my.salesforce.com"}) {
    const auto info = ClassifyHost(host);
    EXPECT_EQ(info.host_class, HostClass::kUnknown) << host;
    EXPECT_FALSE(info.client_credentials_allowed) << host;
    EXPECT_FALSE(info.note.empty()) << host;
  }
  EXPECT_EQ(ToString(HostClass::kLegacySandboxMyDomain), "legacy_sandbox_my_domain");
}

TEST(ClassifyHost, RoundTripsWithMyDomainHost) {
  for (const OrgKind kind :
       {OrgKind::kProduction, OrgKind::kSandbox, OrgKind::kDeveloper, OrgKind::kScratch}) {
    const auto info = ClassifyHost(MyDomainHost("acme", kind, "uat"));
    EXPECT_TRUE(info.client_credentials_allowed) << ToString(kind);
    const std::string back = MyDomainHost(info.my_domain, kind, info.sandbox_name);
    EXPECT_EQ(back, MyDomainHost("acme", kind, "uat")) << ToString(kind);
  }
}

}  // namespace
}  // namespace sfh::salesforce
