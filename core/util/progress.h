// Progress reporting and cancellation for long jobs. A job receives a Progress and reports
// fractions of its own work; `sub` gives a nested portion. Cancellation is a shared flag the job
// checks in its loops (Progress::check throws Cancelled). Reports may come from several threads:
// the callback is called by one at a time.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "util/error.h"

namespace interp3d {

class Cancelled : public Error {
 public:
  Cancelled() : Error("cancelled") {}
};

class Progress {
 public:
  using Callback = std::function<void(double fraction, const std::string& stage)>;

  Progress() : cancel_(std::make_shared<std::atomic<bool>>(false)) {}
  explicit Progress(Callback cb, std::shared_ptr<std::atomic<bool>> cancel = nullptr)
      : callback_(std::move(cb)),
        cancel_(cancel ? std::move(cancel) : std::make_shared<std::atomic<bool>>(false)),
        reporting_(std::make_shared<std::mutex>()) {}

  // Reports `fraction` (0..1) of this portion, under the name `stage`.
  void report(double fraction, const std::string& stage) const {
    if (!callback_) return;
    std::lock_guard<std::mutex> lock(*reporting_);
    callback_(begin_ + (end_ - begin_) * fraction, stage);
  }
  // The portion [from, to] of this one.
  Progress sub(double from, double to) const {
    Progress p = *this;
    p.begin_ = begin_ + (end_ - begin_) * from;
    p.end_ = begin_ + (end_ - begin_) * to;
    return p;
  }
  void cancel() const { cancel_->store(true); }
  bool cancelled() const { return cancel_->load(); }
  // Throws Cancelled when cancellation was requested.
  void check() const {
    if (cancelled()) throw Cancelled();
  }
  std::shared_ptr<std::atomic<bool>> cancelFlag() const { return cancel_; }

 private:
  Callback callback_;
  std::shared_ptr<std::atomic<bool>> cancel_;
  std::shared_ptr<std::mutex> reporting_;  // shared by this Progress's copies and portions
  double begin_ = 0.0;
  double end_ = 1.0;
};

}  // namespace interp3d
