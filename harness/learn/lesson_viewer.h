// Lessons followed in the browser (`sfharness learn --viewer`): one in-process sfmock on loopback
// for the whole run, so its viewer (/__admin/ui) has one address. Each lesson's org is loaded in
// turn as the default tenant (a new journal, so the viewer starts afresh), and the lesson's
// narration is written into that journal as notes, which the viewer shows beside the exchanges.
// Served over plain HTTP whatever a lesson's scenario says, so a browser opens it without a
// certificate warning.
#ifndef SFH_HARNESS_LEARN_LESSON_VIEWER_H_
#define SFH_HARNESS_LEARN_LESSON_VIEWER_H_

#include <expected>
#include <memory>
#include <string>

#include "harness/learn/learn_runner.h"
#include "harness/target/target.h"

namespace sfh::mock {
class MockService;
class MockServer;
}  // namespace sfh::mock

namespace sfh::harness::learn {

class LessonViewer : public Target {
 public:
  // Listens on 127.0.0.1: the My Domain (and the viewer) on `port` (0: a free one), the other
  // hosts on free ports.
  static std::expected<std::unique_ptr<LessonViewer>, std::string> Start(int port);
  ~LessonViewer() override;

  // The viewer's page, e.g. http://127.0.0.1:8123/__admin/ui
  const std::string& viewer_url() const { return viewer_url_; }

  // Serves `scenario` as the default tenant, replacing the lesson before. Stop() on the result
  // leaves the server running; the last lesson stays in view until the LessonViewer goes.
  std::expected<std::unique_ptr<StagedScenario>, std::string> Stage(
      const Scenario& scenario) override;

  // Writes a note into the journal of the lesson staged last; nothing before the first Stage.
  void Narrate(const Narration& narration);

 private:
  LessonViewer() = default;

  std::unique_ptr<mock::MockService> service_;
  std::unique_ptr<mock::MockServer> server_;
  std::string viewer_url_;
};

}  // namespace sfh::harness::learn

#endif  // SFH_HARNESS_LEARN_LESSON_VIEWER_H_
