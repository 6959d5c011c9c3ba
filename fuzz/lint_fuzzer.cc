// Fuzzes `sfharness lint` (lint/linter.h) on metadata files written from the input. The input
// is one or more files: the text before the first line "--- NAME" is App.ecaOauth-meta.xml, and
// each "--- NAME" line starts a file named NAME (letters, digits, '.', '-' and '_' kept, up to
// 100 of them), so one input can hold an External Client App's five files, a Connected App or a
// Named Credential with its External Credential. What must hold, besides no crash, hang or leak:
// the directory lints; every finding names a file written, a line and column from 1, a rule
// and a message, in the documented order; the text, JSON and SARIF outputs can be made, and
// the JSON and SARIF ones, as sfharness prints them, are valid JSON.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <string_view>
#include <tuple>

#include "fuzz/fuzz_check.h"
#include "fuzz/process_temp_dir.h"
#include "lint/linter.h"
#include "lint/output.h"

namespace fs = std::filesystem;

namespace {

const fs::path& Dir() { return sfh::fuzz::ProcessTempDir("sfh-lint-fuzz"); }

std::string SafeName(std::string_view raw) {
  std::string name;
  for (const char c : raw) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '-' || c == '_';
    if (keep && name.size() < 100) name.push_back(c);
  }
  if (name.empty() || name == "." || name == "..") name = "Unnamed.eca-meta.xml";
  return name;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(Dir(), ec)) fs::remove_all(entry.path(), ec);

  std::set<std::string> written;
  std::string name = "App.ecaOauth-meta.xml";
  while (true) {
    size_t next = text.starts_with("--- ") ? 0 : text.find("\n--- ");
    const std::string_view content = text.substr(0, next);
    if (!content.empty() || next != 0) {
      std::ofstream out(Dir() / name, std::ios::binary | std::ios::app);
      out.write(content.data(), static_cast<std::streamsize>(content.size()));
      SFH_FUZZ_CHECK(out.good());
      written.insert(name);
    }
    if (next == std::string_view::npos) break;
    text.remove_prefix(next + (text[next] == '\n' ? 1 : 0) + 4);
    const size_t line_end = text.find('\n');
    name = SafeName(text.substr(0, line_end));
    text.remove_prefix(line_end == std::string_view::npos ? text.size() : line_end + 1);
  }

  const auto result = sfh::lint::Lint(Dir());
  SFH_FUZZ_CHECK(result.has_value());
  const sfh::lint::Finding* previous = nullptr;
  for (const auto& finding : result->findings) {
    SFH_FUZZ_CHECK(written.contains(finding.file));
    SFH_FUZZ_CHECK(finding.line >= 1 && finding.column >= 1);
    SFH_FUZZ_CHECK(!finding.rule_id.empty() && !finding.message.empty());
    if (previous != nullptr) {
      SFH_FUZZ_CHECK(
          std::tie(previous->file, previous->line, previous->column, previous->rule_id) <=
          std::tie(finding.file, finding.line, finding.column, finding.rule_id));
    }
    previous = &finding;
  }
  (void)sfh::lint::FormatText(*result);
  for (const std::string& text :
       {sfh::lint::FormatJson(*result), sfh::lint::FormatSarif(*result)}) {
    SFH_FUZZ_CHECK(!nlohmann::json::parse(text, nullptr, false).is_discarded());
  }
  return 0;
}
