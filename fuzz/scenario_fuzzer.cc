// Fuzzes scenario loading as `sfharness run` does it (harness/scenario/scenario.h, which reads
// the mock's part with mock_server/scenario/scenario_file.h): the input is a scenario file,
// placed in a scenario root that also holds happy/http.json (a shipped scenario, for "extends")
// and a certificate file. What must hold, besides no crash, hang or leak: the file loads, or the
// error names the file; a loaded scenario has an id, a title and a workload within its bounds.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "fuzz/fuzz_check.h"
#include "fuzz/process_temp_dir.h"
#include "harness/scenario/scenario.h"

namespace fs = std::filesystem;

namespace {

constexpr char kBaseScenario[] = R"({
  "id": "happy/http",
  "title": "Happy path over HTTP: one token, three REST reads",
  "teaches": "The base of the fuzzed scenarios.",
  "tags": ["happy"],
  "org": {
    "my_domain": "acme",
    "users": [{"username": "integration@acme.test"}],
    "apps": [{
      "name": "Billing Integration",
      "settings": {"client_credentials": true},
      "policies": {"client_credentials": true, "run_as": "integration@acme.test"},
      "scopes": ["api"]
    }]
  },
  "client": {"calls": 3},
  "expect": {"client": "succeeds"}
})";

void WriteFile(const fs::path& path, const char* data, size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data, static_cast<std::streamsize>(size));
  SFH_FUZZ_CHECK(out.good());
}

// A scenario root of this process's own, removed at exit.
const fs::path& Root() {
  static const fs::path& root = []() -> const fs::path& {
    const fs::path& dir = sfh::fuzz::ProcessTempDir("sfh-scenario-fuzz");
    fs::create_directories(dir / "happy");
    fs::create_directories(dir / "fuzz");
    WriteFile(dir / "happy" / "http.json", kBaseScenario, sizeof(kBaseScenario) - 1);
    constexpr char kNotACertificate[] =
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
    WriteFile(dir / "fuzz" / "app.crt", kNotACertificate, sizeof(kNotACertificate) - 1);
    return dir;
  }();
  return root;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const fs::path file = Root() / "fuzz" / "input.json";
  WriteFile(file, reinterpret_cast<const char*>(data), size);

  const auto scenario = sfh::harness::LoadScenario(file, Root());
  if (!scenario) {
    SFH_FUZZ_CHECK(scenario.error().find(file.string()) != std::string::npos);
    return 0;
  }
  SFH_FUZZ_CHECK(!scenario->document.id.empty());
  SFH_FUZZ_CHECK(!scenario->document.title.empty());
  SFH_FUZZ_CHECK(scenario->workload.calls >= 0 && scenario->workload.calls <= 1000);
  SFH_FUZZ_CHECK(scenario->workload.concurrency >= 1 && scenario->workload.concurrency <= 64);
  SFH_FUZZ_CHECK(scenario->workload.app < scenario->document.org.apps.size() ||
                 scenario->document.org.apps.empty());
  return 0;
}
