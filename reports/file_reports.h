// Writes the report files of a run when it ends: junit.xml, report.json, report.html, ctrf.json
// and summary.md in one directory, as a listener on the runner's events.
//
// OnRunEnd creates the directory (with its parents) and writes each file under a temporary name
// in that directory, then renames it into place, so a reader never sees half a report. It never
// throws: each failure is recorded in errors() as "<path>: <reason>" and the other files are
// still attempted. A later OnRunEnd starts both lists afresh. Not thread-safe; the runner calls
// listeners from one thread.
#ifndef SFH_REPORTS_FILE_REPORTS_H_
#define SFH_REPORTS_FILE_REPORTS_H_

#include <filesystem>
#include <string>
#include <vector>

#include "harness/runner/listener.h"

namespace sfh::reports {

class FileReportWriter : public harness::RunListener {
 public:
  explicit FileReportWriter(std::filesystem::path out_dir);

  void OnRunEnd(const harness::RunResult& result) override;

  const std::filesystem::path& out_dir() const { return out_dir_; }
  // The files written by the last OnRunEnd, in the order junit.xml, report.json, report.html,
  // ctrf.json, summary.md.
  const std::vector<std::filesystem::path>& written() const { return written_; }
  // What went wrong in the last OnRunEnd; empty when every file was written.
  const std::vector<std::string>& errors() const { return errors_; }

 private:
  // Writes `content` to out_dir_/name through a temporary file; records the outcome.
  void WriteFile(const std::string& name, const std::string& content);

  std::filesystem::path out_dir_;
  std::vector<std::filesystem::path> written_;
  std::vector<std::string> errors_;
};

}  // namespace sfh::reports

#endif  // SFH_REPORTS_FILE_REPORTS_H_
