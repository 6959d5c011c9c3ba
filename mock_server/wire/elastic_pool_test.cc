#include "mock_server/wire/elastic_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <latch>

namespace sfh::mock {
namespace {

using namespace std::chrono_literals;

// Waits, bounded, for `ready` to hold.
template <typename F>
bool Eventually(F ready, std::chrono::milliseconds limit = 5000ms) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!ready()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(2ms);
  }
  return true;
}

TEST(ElasticPool, GrowsWithTheTasksUpToItsMaximumThenQueues) {
  ElasticPool pool(0, 3, 10s);
  std::promise<void> release;
  std::shared_future<void> gate = release.get_future().share();
  std::atomic<int> started = 0;
  std::atomic<int> finished = 0;
  for (int i = 0; i < 5; ++i) {
    pool.enqueue([&, gate] {
      ++started;
      gate.wait();
      ++finished;
    });
  }
  ASSERT_TRUE(Eventually([&] { return started == 3; }));
  EXPECT_EQ(pool.threads(), 3u);
  EXPECT_EQ(pool.queued(), 2u);
  release.set_value();
  ASSERT_TRUE(Eventually([&] { return finished == 5; }));
  EXPECT_EQ(pool.peak_threads(), 3u);
  pool.shutdown();
  EXPECT_EQ(pool.threads(), 0u);
}

TEST(ElasticPool, AnIdleThreadTakesTheNextTaskInsteadOfANewOne) {
  ElasticPool pool(0, 8, 10s);
  for (int i = 0; i < 20; ++i) {
    std::promise<void> done;
    pool.enqueue([&] { done.set_value(); });
    ASSERT_EQ(done.get_future().wait_for(5s), std::future_status::ready);
    // The worker is idle again before the next task arrives.
    ASSERT_TRUE(Eventually([&] { return pool.idle() == 1; }));
  }
  EXPECT_EQ(pool.peak_threads(), 1u);
}

TEST(ElasticPool, IdleThreadsEndDownToTheMinimum) {
  ElasticPool pool(1, 4, 30ms);
  std::latch all_in(4);
  std::promise<void> release;
  std::shared_future<void> gate = release.get_future().share();
  for (int i = 0; i < 4; ++i) {
    pool.enqueue([&, gate] {
      all_in.count_down();
      gate.wait();
    });
  }
  all_in.wait();
  EXPECT_EQ(pool.threads(), 4u);
  release.set_value();
  EXPECT_TRUE(Eventually([&] { return pool.threads() == 1; })) << pool.threads();
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(pool.threads(), 1u) << "the minimum stays";
  // And it still works, growing again.
  std::promise<void> done;
  pool.enqueue([&] { done.set_value(); });
  EXPECT_EQ(done.get_future().wait_for(5s), std::future_status::ready);
}

TEST(ElasticPool, ShutdownRunsWhatIsQueuedJoinsAndDropsLaterTasks) {
  ElasticPool pool(0, 1, 10s);
  std::atomic<int> ran = 0;
  for (int i = 0; i < 10; ++i) {
    pool.enqueue([&] {
      std::this_thread::sleep_for(1ms);
      ++ran;
    });
  }
  pool.shutdown();
  EXPECT_EQ(ran, 10);
  EXPECT_EQ(pool.threads(), 0u);
  pool.enqueue([&] { ++ran; });
  pool.shutdown();
  EXPECT_EQ(ran, 10);
}

}  // namespace
}  // namespace sfh::mock
