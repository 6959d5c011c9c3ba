#include "harness/learn/lesson_viewer.h"

#include "mock_server/service.h"
#include "mock_server/wire/mock_server.h"

namespace sfh::harness::learn {
namespace {

// The default tenant as one staged lesson: its journal and redactor, the server left running.
class StagedLesson : public StagedScenario {
 public:
  StagedLesson(std::shared_ptr<mock::MockOrg> org, Endpoint endpoint)
      : org_(std::move(org)), endpoint_(std::move(endpoint)) {}
  const Endpoint& endpoint() const override { return endpoint_; }
  std::vector<mock::Exchange> Exchanges() const override { return org_->journal().Snapshot(); }
  const salesforce::Redactor& redactor() const override { return org_->org().redactor(); }
  void Stop() override {}

 private:
  std::shared_ptr<mock::MockOrg> org_;
  Endpoint endpoint_;
};

}  // namespace

std::expected<std::unique_ptr<LessonViewer>, std::string> LessonViewer::Start(int port) {
  std::unique_ptr<LessonViewer> viewer(new LessonViewer());
  viewer->service_ = std::make_unique<mock::MockService>();
  mock::ServeOptions options;
  options.my_domain_port = port;
  auto server = mock::MockServer::Start(*viewer->service_, options);
  if (!server) return std::unexpected("the viewer's mock did not start: " + server.error());
  viewer->server_ = std::move(*server);
  viewer->viewer_url_ = viewer->server_->urls().admin + "/ui";
  return viewer;
}

LessonViewer::~LessonViewer() {
  if (server_) server_->Stop();
}

std::expected<std::unique_ptr<StagedScenario>, std::string> LessonViewer::Stage(
    const Scenario& scenario) {
  mock::ScenarioDocument doc = scenario.document;
  doc.tls = false;
  auto loaded = service_->Load(std::string(mock::kDefaultTenant), doc);
  if (!loaded)
    return std::unexpected("the viewer's mock cannot load the lesson: " + loaded.error());
  std::shared_ptr<mock::MockOrg> org = *loaded;
  Endpoint endpoint = MockEndpoint(scenario, *org, server_->urls());
  endpoint.label = "sfmock with its viewer (http)";
  return std::make_unique<StagedLesson>(std::move(org), std::move(endpoint));
}

void LessonViewer::Narrate(const Narration& narration) {
  if (auto org = service_->Find(mock::kDefaultTenant)) {
    org->journal().AddNote(narration.kind, narration.title, narration.text, narration.after_seq);
  }
}

}  // namespace sfh::harness::learn
