// A directory of the fuzz target's own under the temporary directory, made on first use and
// removed, with everything in it, when the process exits. For targets that read files.
#ifndef SFH_FUZZ_PROCESS_TEMP_DIR_H_
#define SFH_FUZZ_PROCESS_TEMP_DIR_H_

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "fuzz/fuzz_check.h"

namespace sfh::fuzz {

// <temp>/<prefix>-XXXXXX. A process has one: the prefix of the first call names it. The path is
// never destroyed, so the exit handler that removes the directory can still read it (a static
// path built after the handler was registered would be destroyed before the handler runs).
inline const std::filesystem::path& ProcessTempDir(const char* prefix) {
  static const std::filesystem::path* const dir = [prefix] {
    std::string path =
        (std::filesystem::temp_directory_path() / (std::string(prefix) + "-XXXXXX")).string();
    SFH_FUZZ_CHECK(::mkdtemp(path.data()) != nullptr);
    return new std::filesystem::path(path);
  }();
  static const bool removed_at_exit = std::atexit([] {
                                        std::error_code ec;
                                        std::filesystem::remove_all(*dir, ec);
                                      }) == 0;
  (void)removed_at_exit;
  return *dir;
}

}  // namespace sfh::fuzz

#endif  // SFH_FUZZ_PROCESS_TEMP_DIR_H_
