// `sfharness diagnose`: the command's arguments, checked, turned into probes, printed.
#ifndef SFH_HARNESS_DIAGNOSE_DIAGNOSE_COMMAND_H_
#define SFH_HARNESS_DIAGNOSE_DIAGNOSE_COMMAND_H_

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "harness/diagnose/diagnose.h"

namespace sfh::harness::diagnose {

struct DiagnoseArgs {
  std::string domain;
  std::string client_id;           // empty: SF_CLIENT_ID
  std::string client_secret_file;  // empty: SF_CLIENT_SECRET
  std::string client_secret;       // --client-secret: accepted with a warning (shell history)
  std::string api_version;
  bool basic_auth = false;
  std::string ca_file;
  bool insecure = false;
  double timeout_seconds = 15;
  std::string format = "text";  // text, json, markdown
};

// The probes' options from the arguments, checked: the client id (else SF_CLIENT_ID), the secret
// (the file, else SF_CLIENT_SECRET; --client-secret accepted with a warning), the timeout, and
// --insecure's warning. Usage errors and warnings go to `err`, each prefixed with `command`
// ("sfharness diagnose"); nullopt after a usage error. Shared by `diagnose` and `drift`.
[[nodiscard]] std::optional<DiagnoseOptions> OptionsFromArgs(const DiagnoseArgs& args,
                                                             std::string_view command,
                                                             std::ostream& err);

// Runs the probes and prints the report to `out`; warnings and usage errors go to `err`.
// Returns 0 when healthy, 1 when a probe failed, 2 on usage errors (no client id or secret, a
// secret file that cannot be read, a timeout out of range).
int RunDiagnoseCommand(const DiagnoseArgs& args, std::ostream& out, std::ostream& err);

}  // namespace sfh::harness::diagnose

#endif  // SFH_HARNESS_DIAGNOSE_DIAGNOSE_COMMAND_H_
