// The worker pool behind each of sfmock's listeners. cpp-httplib runs a whole connection,
// keep-alive and all, as one task, so a fixed pool of N threads serves N connections at once and
// makes every other client wait, for seconds, until one of them goes quiet. This pool starts a
// thread whenever a task arrives and no thread is idle, up to `max_threads` (beyond that, tasks
// wait in order), and lets a thread that stays idle for `idle_timeout` end, down to
// `min_threads`. Threads are made only when needed, so an idle sfmock holds few. Thread-safe.
#ifndef SFH_MOCK_SERVER_WIRE_ELASTIC_POOL_H_
#define SFH_MOCK_SERVER_WIRE_ELASTIC_POOL_H_

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace sfh::mock {

class ElasticPool : public httplib::TaskQueue {
 public:
  ElasticPool(size_t min_threads, size_t max_threads, std::chrono::milliseconds idle_timeout);
  ~ElasticPool() override;
  ElasticPool(const ElasticPool&) = delete;
  ElasticPool& operator=(const ElasticPool&) = delete;

  void enqueue(std::function<void()> fn) override;
  // Runs what is queued, then ends every thread and joins it. Idempotent; later tasks are dropped.
  void shutdown() override;

  size_t threads() const;       // running now
  size_t peak_threads() const;  // the most that ever ran at once
  size_t queued() const;        // tasks waiting for a thread
  size_t idle() const;          // threads waiting for a task

 private:
  void Work();
  // Joins threads that ended (with mu_ not held).
  void Reap(std::vector<std::thread> ended);

  const size_t min_threads_;
  const size_t max_threads_;
  const std::chrono::milliseconds idle_timeout_;
  mutable std::mutex mu_;
  std::condition_variable work_;
  std::condition_variable ended_;
  std::deque<std::function<void()>> tasks_;
  std::map<std::thread::id, std::thread> workers_;
  std::vector<std::thread> ended_threads_;  // ended, not yet joined
  size_t threads_ = 0;
  size_t idle_ = 0;
  size_t peak_ = 0;
  bool shutdown_ = false;
};

}  // namespace sfh::mock

#endif  // SFH_MOCK_SERVER_WIRE_ELASTIC_POOL_H_
