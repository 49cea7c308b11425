#include "util/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <new>

#include "util/progress.h"

namespace interp3d {

bool memoryLimitEnforced() {
#if defined(__SANITIZE_ADDRESS__)
  return false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return false;
#else
  return true;
#endif
#else
  return true;
#endif
}

namespace {

// The child's side: what the work produced, and how it ended.
struct ChildWork {
  const std::function<std::string()>* work = nullptr;
  std::string reply;  // 'O' + the bytes, 'B' (out of memory) or 'E' + type + message
};

void* runWork(void* arg) {
  ChildWork& c = *static_cast<ChildWork*>(arg);
  try {
    c.reply = "O" + (*c.work)();
  } catch (const std::bad_alloc&) {
    c.reply = "B";
  } catch (const IoError& e) {
    c.reply = std::string("EI") + e.what();
  } catch (const MeshError& e) {
    c.reply = std::string("EM") + e.what();
  } catch (const UsageError& e) {
    c.reply = std::string("EU") + e.what();
  } catch (const std::exception& e) {
    c.reply = std::string("EE") + e.what();
  } catch (...) {
    c.reply = "EEunknown error";
  }
  return nullptr;
}

// The address space the process has now, in bytes (0 when unknown).
std::size_t currentAddressSpace() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return 0;
  unsigned long pages = 0;
  const int n = std::fscanf(f, "%lu", &pages);
  std::fclose(f);
  return n == 1 ? pages * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE)) : 0;
}

bool writeAll(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

[[noreturn]] void childMain(int fd, pid_t parent, const std::function<std::string()>& work,
                            const ChildLimits& limits) {
  // Die with the parent; the parent may already be gone.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(125);
  serveInChild(fd, work, limits);
}

using Clock = std::chrono::steady_clock;

}  // namespace

void serveInChild(int fd, const std::function<std::string()>& work, const ChildLimits& limits) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  // Only the reply pipe stays open: a sibling import's pipe, inherited by a fork on another
  // thread, would keep that import from seeing its child end.
  if (fd > 3) ::close_range(3, static_cast<unsigned>(fd) - 1, 0);
  ::close_range(static_cast<unsigned>(fd) + 1, ~0u, 0);
  // The parent's handlers (the CLI's cancel pipe) mean nothing here: a terminal's Ctrl-C, sent
  // to the whole process group, ends the child at once.
  for (const int s : {SIGINT, SIGTERM, SIGPIPE, SIGHUP}) ::signal(s, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  ::pthread_sigmask(SIG_SETMASK, &none, nullptr);

  const std::size_t stack = static_cast<std::size_t>(limits.stackMB) << 20;
  rlimit as{};
  as.rlim_cur = as.rlim_max = static_cast<rlim_t>(
      currentAddressSpace() + stack + (static_cast<std::size_t>(limits.memoryMB) << 20));
  if (memoryLimitEnforced()) ::setrlimit(RLIMIT_AS, &as);

  ChildWork c;
  c.work = &work;
  pthread_attr_t attr;
  ::pthread_attr_init(&attr);
  ::pthread_attr_setstacksize(&attr, stack);
  pthread_t thread;
  if (::pthread_create(&thread, &attr, runWork, &c) != 0) {
    runWork(&c);  // no room for the thread: on this one
  } else {
    ::pthread_join(thread, nullptr);
  }
  const bool sent = writeAll(fd, c.reply.data(), c.reply.size());
  ::_exit(sent ? 0 : 124);
}

namespace {

// The parent's side: the reply, read until the child closes its end, watching the clock and the
// cancel flag; then how the child ended.
std::string awaitChild(pid_t pid, int fd, const ChildLimits& limits,
                       const std::shared_ptr<std::atomic<bool>>& cancel);

// One child at a time per process. A fork copies only the forking thread: a lock another thread
// held at that instant stays locked in a child that runs on without exec. A second import running
// beside the first is the likeliest holder (an AddressSanitizer build's allocator deadlocked this
// way); and two children at their memory limit would ask for twice the memory.
// A pipe (both ends close on exec) and a fork; the child gets 0. Throws Error when either fails.
pid_t forkWithPipe(int fds[2]) {
  if (::pipe2(fds, O_CLOEXEC) != 0)
    throw Error(std::string("cannot start a process: ") + std::strerror(errno));
  const pid_t pid = ::fork();
  if (pid < 0) {
    const int err = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    throw Error(std::string("cannot start a process: ") + std::strerror(err));
  }
  return pid;
}

std::unique_lock<std::timed_mutex> oneChildAtATime(
    const std::shared_ptr<std::atomic<bool>>& cancel) {
  static std::timed_mutex mutex;
  std::unique_lock<std::timed_mutex> lock(mutex, std::defer_lock);
  while (!lock.try_lock_for(std::chrono::milliseconds(50)))
    if (cancel && cancel->load()) throw Cancelled();
  return lock;
}

}  // namespace

std::string describeSignal(int signal) {
  const char* name = sigabbrev_np(signal);
  const char* what = sigdescr_np(signal);
  std::string out = name ? std::string("SIG") + name : "signal " + std::to_string(signal);
  if (what) out += std::string(", ") + what;
  return out;
}

std::string runInChild(const std::function<std::string()>& work, const ChildLimits& limits,
                       const std::shared_ptr<std::atomic<bool>>& cancel) {
  const std::unique_lock<std::timed_mutex> hold = oneChildAtATime(cancel);
  int fds[2];
  const pid_t parent = ::getpid();
  const pid_t pid = forkWithPipe(fds);
  if (pid == 0) {
    ::close(fds[0]);
    childMain(fds[1], parent, work, limits);
  }
  ::close(fds[1]);
  return awaitChild(pid, fds[0], limits, cancel);
}

std::string runProgramInChild(const std::vector<std::string>& argv, const ChildLimits& limits,
                              const std::shared_ptr<std::atomic<bool>>& cancel) {
  const std::unique_lock<std::timed_mutex> hold = oneChildAtATime(cancel);
  // Everything the child needs is made before the fork (after it, only async-signal-safe calls).
  std::vector<std::string> args = argv;
  std::vector<char*> cargs;
  for (std::string& a : args) cargs.push_back(a.data());
  cargs.push_back(nullptr);
  int fds[2];
  const pid_t parent = ::getpid();
  const pid_t pid = forkWithPipe(fds);
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(125);
    // The reply pipe becomes descriptor 3 (open across exec); nothing else is inherited.
    if (fds[1] == kChildReplyFd) {
      ::fcntl(kChildReplyFd, F_SETFD, 0);
    } else if (::dup2(fds[1], kChildReplyFd) < 0) {
      ::_exit(126);
    }
    ::close_range(kChildReplyFd + 1, ~0u, 0);
    for (const int sig : {SIGINT, SIGTERM, SIGPIPE, SIGHUP}) ::signal(sig, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    ::pthread_sigmask(SIG_SETMASK, &none, nullptr);
    ::execv(cargs[0], cargs.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  return awaitChild(pid, fds[0], limits, cancel);
}

namespace {

std::string awaitChild(pid_t pid, int fd, const ChildLimits& limits,
                       const std::shared_ptr<std::atomic<bool>>& cancel) {
  // Read until the child closes the pipe, watching the clock and the cancel flag.
  const auto deadline = Clock::now() + std::chrono::duration<double>(limits.seconds);
  std::string reply;
  char buffer[1 << 16];
  enum class Stop { Done, Cancelled, TimedOut } stop = Stop::Done;
  for (;;) {
    if (cancel && cancel->load()) {
      stop = Stop::Cancelled;
      break;
    }
    if (Clock::now() > deadline) {
      stop = Stop::TimedOut;
      break;
    }
    pollfd p{fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, 50);
    if (ready < 0 && errno != EINTR) break;
    if (ready <= 0) continue;
    const ssize_t n = ::read(fd, buffer, sizeof(buffer));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // the child closed the pipe: it has ended
    reply.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  if (stop != Stop::Done) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (stop == Stop::Cancelled) throw Cancelled();
  if (stop == Stop::TimedOut) {
    char seconds[32];
    std::snprintf(seconds, sizeof(seconds), "%g", limits.seconds);
    throw ChildFailure(ChildFailure::Kind::TimedOut, 0,
                       std::string("ran out of time (more than ") + seconds + " s)");
  }
  if (WIFSIGNALED(status)) {
    throw ChildFailure(ChildFailure::Kind::Crashed, 0,
                       "crashed (" + describeSignal(WTERMSIG(status)) + ")");
  }
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (code != 0 || reply.empty()) {
    throw ChildFailure(ChildFailure::Kind::Crashed, 0,
                       "crashed (exit code " + std::to_string(code) + ")");
  }
  if (reply[0] == 'O') return reply.substr(1);
  if (reply[0] == 'B') {
    throw ChildFailure(ChildFailure::Kind::OutOfMemory, 0,
                       "needed more than " + std::to_string(limits.memoryMB) + " MB of memory");
  }
  if (reply[0] == 'E' && reply.size() >= 2)
    throw ChildFailure(ChildFailure::Kind::Failed, reply[1], reply.substr(2));
  throw ChildFailure(ChildFailure::Kind::Crashed, 0, "crashed (an unreadable reply)");
}

}  // namespace
}  // namespace interp3d
