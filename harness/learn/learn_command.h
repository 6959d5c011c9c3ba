// `sfharness learn`: teaches the client-credentials flow offline, lesson by lesson, against the
// embedded mock (harness/learn/FORMAT.md). Every exchange is printed redacted and every step's
// expectation is checked, so a lesson out of date with the mock fails.
#ifndef SFH_HARNESS_LEARN_LEARN_COMMAND_H_
#define SFH_HARNESS_LEARN_LEARN_COMMAND_H_

#include <istream>
#include <ostream>
#include <string>
#include <vector>

namespace sfh::harness::learn {

inline constexpr int kLearnExitHeld = 0;     // every expectation that ran held (or --list)
inline constexpr int kLearnExitNotHeld = 1;  // an expectation did not hold, or a mock failed
inline constexpr int kLearnExitUsage = 2;    // a broken lesson file, an unknown --lesson, ...

struct LearnOptions {
  std::string lessons_dir;              // the lessons (*.json)
  std::string scenario_root;            // what `extends` resolves against
  std::vector<std::string> lesson_ids;  // empty: every lesson, in file-name order
  bool list = false;                    // print id, kind and title; run nothing
  bool no_pause = false;                // never wait for Enter
  bool answer = false;                  // break-it lessons: show the answer and the fix
  std::string html;                     // write the exchanges' page here after each lesson
  bool viewer = false;  // play on one sfmock whose viewer shows the narration (LessonViewer)
  int viewer_port = 0;  // its My Domain (and viewer) port; 0: a free one
};

// Runs the command. Pauses after each step, reading `in`, unless no_pause is set or
// `in_is_terminal` is false. Lessons and exchanges go to `out`, errors to `err`. With `viewer`,
// the viewer's address is printed first, and after the last lesson the viewer stays up until a
// line or the end of `in`.
int RunLearn(const LearnOptions& options, std::istream& in, bool in_is_terminal, std::ostream& out,
             std::ostream& err);

}  // namespace sfh::harness::learn

#endif  // SFH_HARNESS_LEARN_LEARN_COMMAND_H_
