// The lessons' exchanges as one self-contained HTML page: per lesson its title, summary, the
// sequence diagram of its exchanges (reports::AppendSequenceDiagram, from a ScenarioResult built
// of the lesson's redacted transcript) and each exchange with the step's explanation. No script.
#ifndef SFH_HARNESS_LEARN_LEARN_HTML_H_
#define SFH_HARNESS_LEARN_LEARN_HTML_H_

#include <string>
#include <utility>
#include <vector>

#include "harness/learn/learn_runner.h"
#include "harness/learn/lesson.h"

namespace sfh::harness::learn {

// The page for lessons played, in order. Pure: no I/O.
std::string LessonsPage(const std::vector<std::pair<const Lesson*, LessonRun>>& played);

}  // namespace sfh::harness::learn

#endif  // SFH_HARNESS_LEARN_LEARN_HTML_H_
