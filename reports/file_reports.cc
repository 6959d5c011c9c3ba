#include "reports/file_reports.h"

#include <fmt/core.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <fstream>
#include <functional>
#include <system_error>
#include <utility>

#include "reports/ctrf_writer.h"
#include "reports/html_writer.h"
#include "reports/json_writer.h"
#include "reports/junit_writer.h"
#include "reports/summary_markdown.h"

namespace sfh::reports {

namespace fs = std::filesystem;

FileReportWriter::FileReportWriter(fs::path out_dir) : out_dir_(std::move(out_dir)) {}

void FileReportWriter::WriteFile(const std::string& name, const std::string& content) {
  const fs::path path = out_dir_ / name;
  // A dot name in the same directory: rename() is atomic only within one file system.
  const fs::path temp = out_dir_ / ("." + name + ".tmp");
  {
    std::ofstream file(temp, std::ios::binary | std::ios::trunc);
    if (!file) {
      errors_.push_back(fmt::format("{}: cannot create {}: {}", path.string(), temp.string(),
                                    std::strerror(errno)));
      return;
    }
    file.write(content.data(), static_cast<std::streamsize>(content.size()));
    file.close();
    if (!file) {
      errors_.push_back(fmt::format("{}: write failed: {}", path.string(), std::strerror(errno)));
      std::error_code ignored;
      fs::remove(temp, ignored);
      return;
    }
  }
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) {
    errors_.push_back(fmt::format("{}: cannot rename {} into place: {}", path.string(),
                                  temp.string(), ec.message()));
    std::error_code ignored;
    fs::remove(temp, ignored);
    return;
  }
  written_.push_back(path);
}

void FileReportWriter::OnRunEnd(const harness::RunResult& result) {
  written_.clear();
  errors_.clear();
  std::error_code ec;
  fs::create_directories(out_dir_, ec);
  if (ec) {
    errors_.push_back(
        fmt::format("{}: cannot create the report directory: {}", out_dir_.string(), ec.message()));
    return;
  }
  const std::pair<const char*, std::function<std::string(const harness::RunResult&)>> kReports[] = {
      {"junit.xml", JunitXml},
      {"report.json", ReportJson},
      {"report.html", ReportHtml},
      {"ctrf.json", CtrfJson},
      {"summary.md", [](const harness::RunResult& run) { return SummaryMarkdown(run); }}};
  for (const auto& [name, render] : kReports) {
    // A writer's failure (memory, a library's exception) costs that file only.
    try {
      WriteFile(name, render(result));
    } catch (const std::exception& e) {
      errors_.push_back(fmt::format("{}: {}", (out_dir_ / name).string(), e.what()));
    } catch (...) {
      errors_.push_back(fmt::format("{}: unknown error", (out_dir_ / name).string()));
    }
  }
}

}  // namespace sfh::reports
