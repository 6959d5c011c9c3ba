#include "mock_server/wire/elastic_pool.h"

#include <algorithm>

namespace sfh::mock {

ElasticPool::ElasticPool(size_t min_threads, size_t max_threads,
                         std::chrono::milliseconds idle_timeout)
    : min_threads_(std::min(min_threads, std::max<size_t>(max_threads, 1))),
      max_threads_(std::max<size_t>(max_threads, 1)),
      idle_timeout_(idle_timeout) {}

ElasticPool::~ElasticPool() { shutdown(); }

void ElasticPool::enqueue(std::function<void()> fn) {
  std::vector<std::thread> ended;
  {
    std::lock_guard lock(mu_);
    if (shutdown_) return;
    tasks_.push_back(std::move(fn));
    // Every idle thread will take one task; start one more for each task beyond them.
    if (tasks_.size() > idle_ && threads_ < max_threads_) {
      std::thread t([this] { Work(); });
      const auto id = t.get_id();
      workers_.emplace(id, std::move(t));
      ++threads_;
      peak_ = std::max(peak_, threads_);
    }
    ended.swap(ended_threads_);
  }
  work_.notify_one();
  Reap(std::move(ended));
}

void ElasticPool::Work() {
  std::unique_lock lock(mu_);
  for (;;) {
    ++idle_;
    const bool woken =
        work_.wait_for(lock, idle_timeout_, [this] { return !tasks_.empty() || shutdown_; });
    --idle_;
    if (tasks_.empty()) {
      if (shutdown_ || (!woken && threads_ > min_threads_)) break;
      continue;
    }
    std::function<void()> task = std::move(tasks_.front());
    tasks_.pop_front();
    lock.unlock();
    task();
    lock.lock();
  }
  --threads_;
  auto self = workers_.find(std::this_thread::get_id());
  if (self != workers_.end()) {
    ended_threads_.push_back(std::move(self->second));
    workers_.erase(self);
  }
  ended_.notify_all();
}

void ElasticPool::shutdown() {
  std::vector<std::thread> ended;
  {
    std::unique_lock lock(mu_);
    shutdown_ = true;
    work_.notify_all();
    ended_.wait(lock, [this] { return threads_ == 0; });
    ended.swap(ended_threads_);
  }
  Reap(std::move(ended));
}

void ElasticPool::Reap(std::vector<std::thread> ended) {
  for (auto& t : ended) {
    if (t.joinable()) t.join();
  }
}

size_t ElasticPool::threads() const {
  std::lock_guard lock(mu_);
  return threads_;
}

size_t ElasticPool::peak_threads() const {
  std::lock_guard lock(mu_);
  return peak_;
}

size_t ElasticPool::idle() const {
  std::lock_guard lock(mu_);
  return idle_;
}

size_t ElasticPool::queued() const {
  std::lock_guard lock(mu_);
  return tasks_.size();
}

}  // namespace sfh::mock
