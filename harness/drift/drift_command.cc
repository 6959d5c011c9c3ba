#include "harness/drift/drift_command.h"

#include <ostream>

#include "harness/drift/drift.h"
#include "harness/drift/drift_output.h"

namespace sfh::harness::drift {

int RunDriftCommand(const DriftArgs& args, std::ostream& out, std::ostream& err) {
  constexpr int kUsage = 2;
  constexpr std::string_view kCommand = "sfharness drift";
  auto live = diagnose::OptionsFromArgs(args.common, kCommand, err);
  if (!live) return kUsage;
  DriftOptions options;
  options.live = *std::move(live);
  if (!args.mock_scenario.empty()) {
    auto scenario = mock::LoadScenarioFile(args.mock_scenario);
    if (!scenario) {
      err << kCommand << ": --mock-scenario " << args.mock_scenario << ":\n"
          << scenario.error() << "\n";
      return kUsage;
    }
    options.mock_scenario = *std::move(scenario);
    options.mock_scenario_label = args.mock_scenario;
  }

  const DriftReport report = RunDrift(options);
  if (args.common.format == "json") {
    out << FormatJson(report) << "\n";
  } else if (args.common.format == "markdown") {
    out << FormatMarkdown(report);
  } else {
    out << FormatText(report);
  }
  if (!report.unreachable.empty()) {
    err << kCommand << ": the live org could not be reached: " << report.unreachable << "\n";
  } else if (!report.mock_error.empty()) {
    err << kCommand << ": " << report.mock_error << "\n";
  }
  return report.ExitCode();
}

}  // namespace sfh::harness::drift
