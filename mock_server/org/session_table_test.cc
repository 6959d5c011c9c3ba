#include "mock_server/org/session_table.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "mock_server/org/org.h"

namespace sfh::mock {
namespace {

using Time = std::chrono::system_clock::time_point;

std::shared_ptr<const Session> ShapeFor(std::string client_id) {
  Session s;
  s.client_id = std::move(client_id);
  return std::make_shared<const Session>(std::move(s));
}

std::string TokenNumber(int i) { return "00DS7000000sfmk!AQ" + std::to_string(i) + "tok"; }

std::vector<std::string> TokensInOrder(const SessionTable& table) {
  std::vector<std::string> out;
  table.ForEach([&](const SessionTable::Entry& e) { out.push_back(e.token); });
  return out;
}

TEST(SessionTableTest, FindsWhatItStores) {
  SessionTable table(10);
  const Time t0 = Time(std::chrono::seconds(1000));
  table.Put("tokA", ShapeFor("app-a"), t0, t0 + std::chrono::hours(2), false);
  table.Put("tokB", ShapeFor("app-b"), t0, t0 + std::chrono::hours(1), true);
  ASSERT_NE(table.Find("tokA"), nullptr);
  EXPECT_EQ(table.Find("tokA")->shape->client_id, "app-a");
  EXPECT_EQ(table.Find("tokA")->expires_at, t0 + std::chrono::hours(2));
  EXPECT_FALSE(table.Find("tokA")->revoked);
  ASSERT_NE(table.Find("tokB"), nullptr);
  EXPECT_TRUE(table.Find("tokB")->revoked);
  EXPECT_EQ(table.Find("tok"), nullptr);
  EXPECT_EQ(table.Find("tokAx"), nullptr);
  EXPECT_EQ(table.Find(""), nullptr);
  EXPECT_EQ(table.size(), 2u);
}

TEST(SessionTableTest, PuttingATokenAgainReplacesItInPlace) {
  SessionTable table(3);
  table.Put("one", ShapeFor("a"), {}, {}, false);
  table.Put("two", ShapeFor("a"), {}, {}, false);
  table.Put("one", ShapeFor("b"), {}, {}, true);
  EXPECT_EQ(table.size(), 2u);
  EXPECT_EQ(TokensInOrder(table), (std::vector<std::string>{"one", "two"}));
  EXPECT_EQ(table.Find("one")->shape->client_id, "b");
  EXPECT_TRUE(table.Find("one")->revoked);
}

// Beyond its capacity the table forgets exactly the oldest, however many times the ring turns,
// and every token it still holds is found.
TEST(SessionTableTest, ForgetsTheOldestBeyondItsCapacity) {
  constexpr int kCapacity = 7;
  SessionTable table(kCapacity);
  for (int i = 0; i < 5 * kCapacity + 3; ++i) {
    table.Put(TokenNumber(i), ShapeFor("app"), {}, {}, false);
    ASSERT_LE(table.size(), static_cast<size_t>(kCapacity));
    const int first_kept = std::max(0, i - kCapacity + 1);
    std::vector<std::string> expected;
    for (int k = first_kept; k <= i; ++k) expected.push_back(TokenNumber(k));
    ASSERT_EQ(TokensInOrder(table), expected) << "after token " << i;
    for (int k = 0; k <= i; ++k) {
      const SessionTable::Entry* e = table.Find(TokenNumber(k));
      ASSERT_EQ(e != nullptr, k >= first_kept) << "token " << k << " after token " << i;
      if (e != nullptr) {
        EXPECT_EQ(e->token, TokenNumber(k));
      }
    }
  }
}

// Many turns of a larger ring: the index erases and inserts at every token, so it fills with
// tombstones and cleans them out by rehashing in place from the kept hashes, again and again.
// After each turn every held token is found, in an entry holding that token, and none of the
// turn before.
TEST(SessionTableTest, StaysExactOverManyTurnsOfALargerRing) {
  constexpr int kCapacity = 1000;
  constexpr int kTurns = 30;
  SessionTable table(kCapacity);
  for (int turn = 0; turn < kTurns; ++turn) {
    for (int i = 0; i < kCapacity; ++i) {
      table.Put(TokenNumber(turn * kCapacity + i), ShapeFor("app"), {}, {}, false);
    }
    ASSERT_EQ(table.size(), static_cast<size_t>(kCapacity));
    for (int i = 0; i < kCapacity; ++i) {
      const std::string held = TokenNumber(turn * kCapacity + i);
      const SessionTable::Entry* e = table.Find(held);
      ASSERT_NE(e, nullptr) << held << " in turn " << turn;
      ASSERT_EQ(e->token, held);
      if (turn > 0) {
        ASSERT_EQ(table.Find(TokenNumber((turn - 1) * kCapacity + i)), nullptr) << "turn " << turn;
      }
    }
  }
}

TEST(SessionTableTest, ATokenPutAgainKeepsItsPlaceInTheOrder) {
  SessionTable table(3);
  table.Put("a", ShapeFor("x"), {}, {}, false);
  table.Put("b", ShapeFor("x"), {}, {}, false);
  table.Put("c", ShapeFor("x"), {}, {}, false);
  table.Put("a", ShapeFor("x"), {}, {}, true);  // still the oldest
  table.Put("d", ShapeFor("x"), {}, {}, false);
  EXPECT_EQ(TokensInOrder(table), (std::vector<std::string>{"b", "c", "d"}));
  EXPECT_EQ(table.Find("a"), nullptr);
}

TEST(SessionTableTest, EntriesCanBeChangedThroughFindAndForEach) {
  SessionTable table(4);
  for (int i = 0; i < 6; ++i) table.Put(TokenNumber(i), ShapeFor("app"), {}, {}, false);
  table.Find(TokenNumber(3))->revoked = true;
  int revoked = 0;
  table.ForEach([&](const SessionTable::Entry& e) { revoked += e.revoked ? 1 : 0; });
  EXPECT_EQ(revoked, 1);
  table.ForEach([](SessionTable::Entry& e) { e.revoked = true; });
  EXPECT_TRUE(table.Find(TokenNumber(5))->revoked);
}

TEST(SessionTableTest, ClearForgetsEverythingAndStartsAgain) {
  SessionTable table(2);
  for (int i = 0; i < 5; ++i) table.Put(TokenNumber(i), ShapeFor("app"), {}, {}, false);
  table.Clear();
  EXPECT_EQ(table.size(), 0u);
  EXPECT_EQ(table.Find(TokenNumber(4)), nullptr);
  table.Put("x", ShapeFor("app"), {}, {}, false);
  table.Put("y", ShapeFor("app"), {}, {}, false);
  table.Put("z", ShapeFor("app"), {}, {}, false);
  EXPECT_EQ(TokensInOrder(table), (std::vector<std::string>{"y", "z"}));
}

TEST(SessionTableTest, RefusesACapacityItCannotIndex) {
  EXPECT_THROW(SessionTable(0), std::invalid_argument);
}

}  // namespace
}  // namespace sfh::mock
