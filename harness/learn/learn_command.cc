#include "harness/learn/learn_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>

#include "harness/learn/learn_html.h"
#include "harness/learn/learn_runner.h"
#include "harness/learn/lesson.h"
#include "harness/learn/lesson_viewer.h"

namespace sfh::harness::learn {

int RunLearn(const LearnOptions& options, std::istream& in, bool in_is_terminal, std::ostream& out,
             std::ostream& err) {
  auto lessons = LoadLessons(options.lessons_dir, options.scenario_root);
  if (!lessons) {
    err << "sfharness learn: broken lessons:\n" << lessons.error() << "\n";
    return kLearnExitUsage;
  }
  if (options.list) {
    size_t width = 2;
    for (const auto& l : *lessons) width = std::max(width, l.id.size());
    out << fmt::format("{:<{}}  {:<8}  {}\n", "ID", width, "KIND", "TITLE");
    for (const auto& l : *lessons) {
      out << fmt::format("{:<{}}  {:<8}  {}\n", l.id, width, ToString(l.kind), l.title);
    }
    return kLearnExitHeld;
  }

  std::vector<const Lesson*> chosen;
  for (const auto& id : options.lesson_ids) {
    auto it = std::ranges::find(*lessons, id, &Lesson::id);
    if (it == lessons->end()) {
      err << fmt::format("sfharness learn: no lesson \"{}\" in {} (see --list)\n", id,
                         options.lessons_dir);
      return kLearnExitUsage;
    }
    chosen.push_back(&*it);
  }
  if (chosen.empty()) {
    for (const auto& l : *lessons) chosen.push_back(&l);
  }

  PlayOptions play;
  play.pause = !options.no_pause && in_is_terminal;
  play.input = &in;
  play.show_answers = options.answer;
  std::unique_ptr<LessonViewer> viewer;
  if (options.viewer) {
    auto started = LessonViewer::Start(options.viewer_port);
    if (!started) {
      err << fmt::format("sfharness learn: {}\n", started.error());
      return kLearnExitNotHeld;
    }
    viewer = std::move(*started);
    play.target = viewer.get();
    play.narrate = [&viewer](const Narration& n) { viewer->Narrate(n); };
    out << fmt::format("Follow along in a browser: {}\n\n", viewer->viewer_url()) << std::flush;
  }
  std::vector<std::pair<const Lesson*, LessonRun>> played;
  bool held = true;
  for (const Lesson* lesson : chosen) {
    LessonRun run = PlayLesson(*lesson, play, out);
    held = held && run.held;
    const bool quit = run.quit;
    played.emplace_back(lesson, std::move(run));
    if (!options.html.empty()) {
      std::ofstream file(options.html, std::ios::binary | std::ios::trunc);
      file << LessonsPage(played);
      if (!file.flush()) {
        err << fmt::format("sfharness learn: cannot write {}\n", options.html);
        return kLearnExitUsage;
      }
      out << fmt::format("The sequence diagram of these exchanges: {}\n\n", options.html);
    }
    if (quit) break;
  }
  const size_t not_held =
      std::ranges::count_if(played, [](const auto& p) { return !p.second.held; });
  out << fmt::format("{} of {} lessons played; {}\n", played.size(), chosen.size(),
                     not_held == 0
                         ? "every expectation held"
                         : fmt::format("{} with an expectation that did not hold", not_held));
  if (viewer) {
    out << fmt::format("The last lesson stays in the viewer ({}); Enter to stop.\n",
                       viewer->viewer_url())
        << std::flush;
    std::string line;
    std::getline(in, line);
  }
  return held ? kLearnExitHeld : kLearnExitNotHeld;
}

}  // namespace sfh::harness::learn
