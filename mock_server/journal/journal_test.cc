#include "mock_server/journal/journal.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace sfh::mock {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Exchange Make(std::string target) {
  Exchange e;
  e.request.method = "GET";
  e.request.target = e.request.path = std::move(target);
  e.response.status = 200;
  return e;
}

TEST(Journal, NotesHowAHangEndedAndExportsIt) {
  Journal journal(2);
  Exchange hung = Make("/hung");
  hung.response.status = 0;
  hung.response.wire = {WireFault::Kind::kHang, std::chrono::milliseconds(5000)};
  const uint64_t seq = journal.Record(hung);
  const salesforce::Redactor redactor;
  auto exported = nlohmann::json::parse(journal.ExportJson(redactor));
  EXPECT_TRUE(exported["exchanges"][0]["hang"].is_null());  // still held

  journal.NoteHangEnd(seq, std::chrono::milliseconds(1200), true);
  const Exchange noted = journal.Snapshot().at(0);
  EXPECT_TRUE(noted.hang_ended);
  EXPECT_TRUE(noted.client_left);
  EXPECT_EQ(noted.hang_held, std::chrono::milliseconds(1200));
  exported = nlohmann::json::parse(journal.ExportJson(redactor));
  EXPECT_EQ(exported["exchanges"][0]["hang"],
            nlohmann::json::parse(R"({"held_ms": 1200, "client_left": true})"));

  // Other exchanges have no "hang"; a note for one that has left the ring (or never was)
  // changes nothing.
  journal.Record(Make("/a"));
  journal.Record(Make("/b"));
  exported = nlohmann::json::parse(journal.ExportJson(redactor));
  EXPECT_FALSE(exported["exchanges"][0].contains("hang"));
  journal.NoteHangEnd(seq, std::chrono::milliseconds(1), false);
  journal.NoteHangEnd(99, std::chrono::milliseconds(1), false);
  for (const auto& e : journal.Snapshot()) EXPECT_FALSE(e.hang_ended);
}

TEST(Journal, NumbersExchangesAndKeepsABoundedRing) {
  Journal journal(3);
  for (int i = 0; i < 5; ++i) journal.Record(Make("/" + std::to_string(i)));
  const auto kept = journal.Snapshot();
  ASSERT_EQ(kept.size(), 3u);
  EXPECT_EQ(kept.front().seq, 3u);
  EXPECT_EQ(kept.front().request.target, "/2");
  EXPECT_EQ(kept.back().seq, 5u);
  EXPECT_EQ(journal.total(), 5u);
  EXPECT_EQ(journal.dropped(), 2u);
  journal.Clear();
  EXPECT_TRUE(journal.Snapshot().empty());
  journal.Record(Make("/after"));
  EXPECT_EQ(journal.Snapshot().front().seq, 6u);
}

TEST(Journal, ExportRedactsSecretsAndTokens) {
  salesforce::Redactor redactor;
  const std::string secret = "SUPERSECRETVALUE123";
  const std::string token = "00DS7000000oxzo!AQtokenvalue0123456789";
  redactor.Add(secret, salesforce::Redactor::Kind::kSecret);
  redactor.Add(token, salesforce::Redactor::Kind::kToken);
  Journal journal;
  Exchange e = Make("/services/oauth2/token?client_secret=" + secret);
  e.request.headers.Add("Authorization", "Bearer " + token);
  e.request.body = "grant_type=client_credentials&client_secret=" + secret;
  e.response.body = R"({"access_token":")" + token + R"("})";
  journal.Record(e);
  const std::string exported = journal.ExportJson(redactor);
  EXPECT_THAT(exported, Not(HasSubstr(secret)));
  EXPECT_THAT(exported, Not(HasSubstr(token)));
  EXPECT_THAT(exported, Not(HasSubstr("AQtokenvalue")));
  EXPECT_THAT(exported, HasSubstr("Bearer [REDACTED]"));
  EXPECT_THAT(exported, HasSubstr("grant_type=client_credentials"));
}

TEST(Journal, NotesSitAfterTheLastExchangeAreBoundedAndRedacted) {
  salesforce::Redactor redactor;
  const std::string secret = "NOTESECRETVALUE4567";
  redactor.Add(secret, salesforce::Redactor::Kind::kSecret);
  Journal journal;
  const Note first = journal.AddNote("lesson", "Title", "before any exchange");
  EXPECT_EQ(first.id, 1u);
  EXPECT_EQ(first.after_seq, 0u);
  journal.Record(Make("/a"));
  journal.Record(Make("/b"));
  const Note second = journal.AddNote("step", "", "after two, mentions " + secret);
  EXPECT_EQ(second.after_seq, 2u);
  const Note placed = journal.AddNote("step", "", "about the first", 0u);
  EXPECT_EQ(placed.after_seq, 0u);
  EXPECT_EQ(placed.id, 3u);

  const auto exported = nlohmann::json::parse(journal.ExportNotesJson(redactor, 1));
  EXPECT_EQ(exported["journal_id"], journal.id());
  ASSERT_EQ(exported["notes"].size(), 2u);
  EXPECT_EQ(exported["notes"][0]["id"], 2);
  EXPECT_EQ(exported["notes"][0]["after_seq"], 2);
  EXPECT_EQ(exported["notes"][0]["kind"], "step");
  EXPECT_THAT(exported.dump(), Not(HasSubstr(secret)));

  // Long text is cut; old notes go first; Clear forgets them.
  const Note big = journal.AddNote("k", "t", std::string(Journal::kMaxNoteBytes + 10, 'x'));
  EXPECT_EQ(journal.Notes(big.id - 1).at(0).text.size(), Journal::kMaxNoteBytes);
  for (size_t i = 0; i < Journal::kMaxNotes + 5; ++i) journal.AddNote("k", "", "n");
  const auto notes = journal.Notes();
  EXPECT_EQ(notes.size(), Journal::kMaxNotes);
  EXPECT_EQ(notes.back().id, big.id + Journal::kMaxNotes + 5);
  journal.Clear();
  EXPECT_TRUE(journal.Notes().empty());
}

TEST(Journal, EachJournalHasItsOwnId) {
  Journal a;
  Journal b;
  EXPECT_FALSE(a.id().empty());
  EXPECT_NE(a.id(), b.id());
  EXPECT_EQ(nlohmann::json::parse(a.ExportJson(salesforce::Redactor()))["journal_id"], a.id());
}

TEST(Journal, ExportSurvivesInvalidUtf8) {
  Journal journal;
  Exchange e = Make("/x");
  e.request.body = std::string("\xff\xfe broken");
  journal.Record(e);
  EXPECT_THAT(journal.ExportJson(salesforce::Redactor()), HasSubstr("broken"));
}

TEST(Journal, KeepsEveryFieldOfTheRequestAndResponse) {
  HttpRequest request;
  request.host = VirtualHost::kLegacyInstance;
  request.tls = true;
  request.method = "PATCH";
  request.target = "/services/data/v67.0/sobjects/Account/001?x=%20y";
  request.path = "/services/data/v67.0/sobjects/Account/001";
  request.query = "x=%20y";
  request.headers = {{"Host", "na1.salesforce.com"},
                     {"X-Empty", ""},
                     {"x-twice", "1"},
                     {"X-Twice", std::string(300, 'v')}};
  request.body = std::string("a\0b\xff{}", 6);
  request.remote = "127.0.0.1:5";
  request.client_id = "3MVGclient";
  request.params = salesforce::ParseForm("a=1");
  HttpResponse response;
  response.status = 503;
  response.headers = {{"Content-Type", "application/json"}};
  response.body = std::string(5000, 'r');
  response.fault = "org down";
  response.wire = {WireFault::Kind::kDelay, std::chrono::milliseconds(7)};
  response.journal_seq = 99;
  response.wire_done = [](std::chrono::microseconds, bool) {};
  const auto at = std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000));

  Journal journal;
  journal.Record(Make("/first"));
  EXPECT_EQ(journal.Record(request, response, at, std::chrono::microseconds(42)), 2u);
  const Exchange kept = journal.Snapshot().at(1);
  EXPECT_EQ(kept.seq, 2u);
  EXPECT_EQ(kept.received_at, at);
  EXPECT_EQ(kept.elapsed, std::chrono::microseconds(42));
  EXPECT_EQ(kept.request.host, request.host);
  EXPECT_TRUE(kept.request.tls);
  EXPECT_EQ(kept.request.method, request.method);
  EXPECT_EQ(kept.request.target, request.target);
  EXPECT_EQ(kept.request.path, request.path);
  EXPECT_EQ(kept.request.query, request.query);
  EXPECT_EQ(kept.request.headers.fields(), request.headers.fields());
  EXPECT_EQ(kept.request.body, request.body);
  EXPECT_EQ(kept.request.remote, request.remote);
  EXPECT_EQ(kept.request.client_id, request.client_id);
  EXPECT_FALSE(kept.request.params.has_value());  // parsed again from the body if read
  EXPECT_EQ(kept.response.status, 503);
  EXPECT_EQ(kept.response.headers.fields(), response.headers.fields());
  EXPECT_EQ(kept.response.body, response.body);
  EXPECT_EQ(kept.response.fault, response.fault);
  EXPECT_EQ(kept.response.wire.kind, WireFault::Kind::kDelay);
  EXPECT_EQ(kept.response.wire.delay, std::chrono::milliseconds(7));
  EXPECT_FALSE(kept.response.wire_done);
  EXPECT_FALSE(kept.request_body_cut);
  EXPECT_FALSE(kept.response_body_cut);
  EXPECT_FALSE(kept.hang_ended);
  // The exchange before it is untouched by its neighbour.
  EXPECT_EQ(journal.Snapshot().at(0).request.target, "/first");
  EXPECT_TRUE(journal.Snapshot().at(0).request.headers.fields().empty());
}

TEST(Journal, KeepsTheHangFieldsOfARecordedExchange) {
  Journal journal;
  Exchange e = Make("/hung");
  e.hang_ended = true;
  e.hang_held = std::chrono::milliseconds(3);
  e.client_left = true;
  journal.Record(e);
  const Exchange kept = journal.Snapshot().at(0);
  EXPECT_TRUE(kept.hang_ended);
  EXPECT_EQ(kept.hang_held, std::chrono::milliseconds(3));
  EXPECT_TRUE(kept.client_left);
}

TEST(Journal, KeepsMemoryWithinItsByteBudget) {
  Journal journal(/*capacity=*/1000, /*max_bytes=*/200 << 10);
  for (int i = 0; i < 100; ++i) {
    Exchange e = Make("/big");
    e.response.body.assign(10 << 10, 'x');
    journal.Record(std::move(e));
  }
  EXPECT_LE(journal.bytes(), 200u << 10);
  EXPECT_GT(journal.dropped(), 70u);
  EXPECT_EQ(journal.total(), 100u);
  EXPECT_EQ(journal.Snapshot().back().seq, 100u);
}

TEST(Journal, CutsHugeBodiesAndSaysSo) {
  Journal journal;
  Exchange e = Make("/huge");
  e.request.body.assign(Journal::kMaxStoredBodyBytes + 10, 'a');
  journal.Record(std::move(e));
  const auto kept = journal.Snapshot().at(0);
  EXPECT_EQ(kept.request.body.size(), Journal::kMaxStoredBodyBytes);
  EXPECT_TRUE(kept.request_body_cut);
  EXPECT_FALSE(kept.response_body_cut);
  const auto exported = nlohmann::json::parse(journal.ExportJson(salesforce::Redactor()));
  EXPECT_TRUE(exported["exchanges"][0]["request"]["body_cut"].get<bool>());
}

TEST(Journal, SelectsBySeqPathMethodAndClientId) {
  Journal journal;
  for (const char* target : {"/services/oauth2/token", "/services/data/v67.0/query",
                             "/services/data/v67.0/limits", "/services/oauth2/revoke"}) {
    Exchange e = Make(target);
    if (std::string_view(target).starts_with("/services/oauth2")) e.request.method = "POST";
    e.request.client_id = std::string_view(target).ends_with("revoke") ? "other" : "mine";
    journal.Record(std::move(e));
  }
  auto paths = [&](const JournalQuery& q) {
    std::vector<std::string> out;
    for (const auto& e : journal.Select(q)) out.push_back(e.request.path);
    return out;
  };
  EXPECT_THAT(paths({.path = "/services/data/*"}),
              ::testing::ElementsAre("/services/data/v67.0/query", "/services/data/v67.0/limits"));
  EXPECT_THAT(paths({.method = "post"}),
              ::testing::ElementsAre("/services/oauth2/token", "/services/oauth2/revoke"));
  EXPECT_THAT(paths({.client_id = "other"}), ::testing::ElementsAre("/services/oauth2/revoke"));
  EXPECT_THAT(paths({.since = 3}), ::testing::ElementsAre("/services/oauth2/revoke"));
  EXPECT_THAT(paths({.limit = 1}), ::testing::ElementsAre("/services/oauth2/token"));
  const auto exported =
      nlohmann::json::parse(journal.ExportJson(salesforce::Redactor(), {.since = 2}));
  EXPECT_EQ(exported["total"], 4);
  EXPECT_EQ(exported["dropped"], 0);
  EXPECT_EQ(exported["capacity"], Journal::kDefaultCapacity);
  ASSERT_EQ(exported["exchanges"].size(), 2u);
  EXPECT_EQ(exported["exchanges"][0]["seq"], 3);
  EXPECT_EQ(exported["exchanges"][0]["client_id"], "mine");
}

TEST(Journal, ExplainsErrorsFromTheCatalogueAndNamesWireFaults) {
  Journal journal;
  Exchange e = Make("/services/data/v67.0/query");
  e.response.status = 401;
  e.response.body =
      R"([{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}])";
  e.response.fault = "expire_sessions";
  journal.Record(e);
  Exchange ok = Make("/services/data/");
  ok.response.wire = {WireFault::Kind::kDelay, std::chrono::milliseconds(250)};
  journal.Record(ok);
  const auto exported = nlohmann::json::parse(journal.ExportJson(salesforce::Redactor()));
  const auto& first = exported["exchanges"][0];
  EXPECT_EQ(first["fault"], "expire_sessions");
  EXPECT_EQ(first["explanation"]["code"], "INVALID_SESSION_ID");
  EXPECT_FALSE(first["explanation"]["fix"].get<std::string>().empty());
  EXPECT_EQ(first["wire_fault"], "");
  EXPECT_TRUE(exported["exchanges"][1]["explanation"].is_null());
  EXPECT_EQ(exported["exchanges"][1]["wire_fault"], "delay 250 ms");
  EXPECT_THAT(first["received_at"].get<std::string>(),
              ::testing::MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z"));
}

}  // namespace
}  // namespace sfh::mock
