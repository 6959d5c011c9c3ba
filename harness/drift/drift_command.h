// `sfharness drift`: the command's arguments, checked, turned into a comparison of the live org
// with the mock, printed. Options are diagnose's (diagnose/diagnose_command.h) plus the mock's
// scenario.
#ifndef SFH_HARNESS_DRIFT_DRIFT_COMMAND_H_
#define SFH_HARNESS_DRIFT_DRIFT_COMMAND_H_

#include <iosfwd>
#include <string>

#include "harness/diagnose/diagnose_command.h"

namespace sfh::harness::drift {

struct DriftArgs {
  // --domain, --client-id, --client-secret-file, --client-secret, --api-version, --basic,
  // --ca-file, --insecure, --timeout and --format (text, json, markdown), as for diagnose.
  diagnose::DiagnoseArgs common;
  // A scenario file for the mock's org (its `extends` and files resolve against its directory);
  // empty: the default healthy org configured after the live org.
  std::string mock_scenario;
};

// Runs both sides and prints the comparison to `out`; warnings and usage errors go to `err`.
// Returns 0 when nothing drifted, 1 when a probe differs, 2 on usage errors (no client id or
// secret, an unreadable secret file or scenario, a timeout out of range), when the live org could
// not be reached, when the mock did not start, or when the live org's configuration stopped the
// probes before any drift showed.
int RunDriftCommand(const DriftArgs& args, std::ostream& out, std::ostream& err);

}  // namespace sfh::harness::drift

#endif  // SFH_HARNESS_DRIFT_DRIFT_COMMAND_H_
