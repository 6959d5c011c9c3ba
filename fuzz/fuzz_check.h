// What a fuzz target asserts: a property that must hold for every input. A failed property
// prints what was expected and aborts, which libFuzzer (and the replay driver) report as a crash
// with the input that caused it. Kept on in every build type: NDEBUG does not turn it off.
#ifndef SFH_FUZZ_FUZZ_CHECK_H_
#define SFH_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>

#define SFH_FUZZ_CHECK(condition)                                                           \
  do {                                                                                      \
    if (!(condition)) {                                                                     \
      std::fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                         \
    }                                                                                       \
  } while (false)

#endif  // SFH_FUZZ_FUZZ_CHECK_H_
