// Plays one lesson against a fresh embedded mock (harness/target/target.h): narration is
// printed, each exchange is sent with net::Send and printed as HTTP from the mock's journal,
// redacted by the org's Redactor (a learner sees that a secret was sent, never its value),
// followed by the step's explanation, the catalogue's explanation of an error answer, and the
// step's expectations, each marked as held or not. The first expectation that does not hold ends
// the lesson (later steps depend on it).
#ifndef SFH_HARNESS_LEARN_LEARN_RUNNER_H_
#define SFH_HARNESS_LEARN_LEARN_RUNNER_H_

#include <cstdint>
#include <expected>
#include <functional>
#include <istream>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "harness/learn/lesson.h"
#include "harness/runner/result.h"
#include "harness/target/target.h"

namespace sfh::harness::learn {

// The lesson's narration as it is played, for a reader beside the exchanges (sfmock's viewer,
// through LessonViewer): the lesson's opening ("lesson"), each step ("step" for narration; "held"
// or "not-held" for an exchange and its expectations), and its close ("end"). A note is about the
// exchanges after `after_seq` (the journal's sequence numbers). Text is plain and unwrapped, with
// blank lines between paragraphs; it holds no secret.
struct Narration {
  std::string kind;
  std::string title;
  std::string text;
  uint64_t after_seq = 0;
};

struct PlayOptions {
  // After each step: "Enter to continue, q to quit", a line read from `input`.
  bool pause = false;
  std::istream* input = nullptr;  // required when pause is set
  bool show_answers = false;      // break-it lessons: print the answer and the catalogue's fix
  // Where the lesson is played; null: a fresh embedded mock of its own.
  Target* target = nullptr;
  // Told the narration as the lesson is played; may be empty.
  std::function<void(const Narration&)> narrate;
};

struct LessonRun {
  bool held = true;   // every expectation that was checked held, and the mock started
  bool quit = false;  // the learner typed q
  std::vector<TranscriptEntry> transcript;  // redacted, in journal order
  std::vector<std::string> explanations;    // the step's `explain` per transcript entry
};

// Plays `lesson`, writing to `out`. Never throws for what the mock answers; a mock that cannot
// start is reported on `out` and makes the run not held.
LessonRun PlayLesson(const Lesson& lesson, const PlayOptions& options, std::ostream& out);

// `text` with {{name}} replaced from `variables`; the error names the first unknown variable.
[[nodiscard]] std::expected<std::string, std::string> Expand(
    std::string_view text, const std::map<std::string, std::string>& variables);

// The variables an answer's Location header gives (FORMAT.md, "Templates"): `location` (the whole
// header) and `location.<name>` for each parameter of its query and of its fragment, decoded.
// Empty when `location` is empty.
[[nodiscard]] std::map<std::string, std::string> LocationVariables(std::string_view location);

}  // namespace sfh::harness::learn

#endif  // SFH_HARNESS_LEARN_LEARN_RUNNER_H_
