#include "util/signal_cancel.h"

#include <csignal>
#include <cstdlib>
#include <mutex>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

namespace interp3d {

namespace {
// The write end of the pipe the handler wakes the watcher through. A signal handler can reach
// nothing else; libraries start threads before main() that no signal mask covers, so the handler,
// not a mask, is what catches a signal in any thread.
int wakeFd = -1;

extern "C" void onSignal(int sig) {
  const unsigned char byte = static_cast<unsigned char>(sig);
  if (wakeFd >= 0) {
    const ssize_t ignored = write(wakeFd, &byte, 1);
    (void)ignored;
  }
}
}  // namespace

struct SignalCancel::Impl {
  std::chrono::milliseconds grace;
  std::mutex mutex;
  std::shared_ptr<std::atomic<bool>> flag;
  std::atomic<int> received{0};
  std::atomic<bool> stop{false};
  int pipe[2] = {-1, -1};
  std::thread watcher;

  void run() {
    using Clock = std::chrono::steady_clock;
    Clock::time_point first{}, deadline{};
    while (!stop.load()) {
      pollfd p{pipe[0], POLLIN, 0};
      unsigned char byte = 0;
      const bool woke = poll(&p, 1, 50) > 0 && read(pipe[0], &byte, 1) == 1;
      std::lock_guard<std::mutex> lock(mutex);
      if (woke) {
        const int sig = byte;
        // coreutils' timeout sends its signal to the process and to its process group: a second
        // signal within half a second is the same request.
        if (received.load() != 0 && Clock::now() - first < std::chrono::milliseconds(500))
          continue;
        if (!flag || received.load() != 0) std::_Exit(128 + sig);
        received = sig;
        flag->store(true);
        first = Clock::now();
        deadline = first + grace;
      } else if (received.load() != 0 && flag && std::chrono::steady_clock::now() > deadline) {
        std::_Exit(128 + received.load());  // the job did not stop in time
      }
    }
  }
};

SignalCancel::SignalCancel(std::chrono::milliseconds grace) : impl_(std::make_unique<Impl>()) {
  impl_->grace = grace;
  if (::pipe2(impl_->pipe, O_CLOEXEC | O_NONBLOCK) == 0) wakeFd = impl_->pipe[1];
  struct sigaction action {};
  action.sa_handler = onSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  impl_->watcher = std::thread([this] { impl_->run(); });
}

SignalCancel::~SignalCancel() {
  impl_->stop = true;
  impl_->watcher.join();
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  wakeFd = -1;
  close(impl_->pipe[0]);
  close(impl_->pipe[1]);
}

void SignalCancel::watch(std::shared_ptr<std::atomic<bool>> flag) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->flag = std::move(flag);
}

void SignalCancel::unwatch() {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->flag.reset();
}

int SignalCancel::received() const {
  return impl_->received.load();
}

}  // namespace interp3d
