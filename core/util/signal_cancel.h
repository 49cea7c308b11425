// Ctrl-C and SIGTERM for a command-line process, without a global cancel flag. A handler wakes one
// watcher thread through a pipe. While a job is watched, a signal sets the job's cancel flag: the
// job stops at its next check and the command exits as it chooses (130). A job that has not let go
// `grace` after the signal, no job watched, or a second signal (more than half a second after the
// first) end the process at once with exit code 128 + the signal (files are written atomically,
// so no file is ever half-written).
#pragma once

#include <atomic>
#include <chrono>
#include <memory>

namespace interp3d {

class SignalCancel {
 public:
  // One at a time per process.
  explicit SignalCancel(std::chrono::milliseconds grace = std::chrono::seconds(10));
  ~SignalCancel();
  SignalCancel(const SignalCancel&) = delete;
  SignalCancel& operator=(const SignalCancel&) = delete;

  // A signal now sets `flag` (replacing any flag watched before).
  void watch(std::shared_ptr<std::atomic<bool>> flag);
  // A signal now ends the process.
  void unwatch();
  // The signal received (SIGINT, SIGTERM) or 0.
  int received() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace interp3d
