// Running untrusted work where a crash cannot hurt: a function runs in a forked child process
// with limits on memory, time and stack, and its result comes back as bytes through a pipe. The
// parent can always kill the child: on its deadline, on cancellation (within 0.1 s), or when the
// parent itself dies (the child gets SIGKILL). Used for parsing users' mesh files with Assimp,
// which can crash, loop forever or allocate without bound on a hostile file.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "util/error.h"

namespace interp3d {

struct ChildLimits {
  int memoryMB = 6144;     // address space the child may add to what it inherits
  double seconds = 120.0;  // wall time before the child is killed
  int stackMB = 256;       // stack of the thread the work runs on in the child
};

// Whether ChildLimits::memoryMB is applied: not in an AddressSanitizer build, whose shadow memory
// needs terabytes of address space (the limit is on address space).
bool memoryLimitEnforced();

// How the child ended, when it did not return a result.
class ChildFailure : public Error {
 public:
  enum class Kind {
    Crashed,      // killed by a signal (SIGSEGV, SIGABRT, ...)
    TimedOut,     // ran past ChildLimits::seconds
    OutOfMemory,  // an allocation failed within ChildLimits::memoryMB
    Failed,       // the work threw; what() is its message, `errorType` its kind
  };
  ChildFailure(Kind how, char type, const std::string& message)
      : Error(message), kind(how), errorType(type) {}
  Kind kind;
  char errorType;  // Failed: 'I' IoError, 'M' MeshError, 'U' UsageError, 'E' any other error
};

// Runs `work` in a child process and returns the bytes it returned. Throws ChildFailure when the
// child crashed, ran out of time or memory, or `work` threw (the message is the exception's, its
// type in errorType), and Cancelled when `cancel` became true (the child is killed first). The
// child never returns into the caller's code: it ends with _exit, running no destructors or
// atexit handlers of the parent's state. Safe to call from any thread; calls from several
// threads run one after another (waiting ones still see `cancel`). `work` must not use threads
// the parent started or take locks other threads may hold (the child has one thread).
std::string runInChild(const std::function<std::string()>& work, const ChildLimits& limits,
                       const std::shared_ptr<std::atomic<bool>>& cancel = nullptr);

// The descriptor a program started by runProgramInChild writes its reply to.
constexpr int kChildReplyFd = 3;

// As runInChild, but the child executes `argv` (argv[0] a path) in a fresh process image, so it
// inherits no state of this process (no locks, no threads' leftovers). The program answers by
// calling serveInChild(kChildReplyFd, its work, its limits).
std::string runProgramInChild(const std::vector<std::string>& argv, const ChildLimits& limits,
                              const std::shared_ptr<std::atomic<bool>>& cancel = nullptr);

// The child's side, for a program started by runProgramInChild (and for runInChild's own
// children): applies `limits` (memory, stack), runs `work`, writes its reply to `fd` and exits.
[[noreturn]] void serveInChild(int fd, const std::function<std::string()>& work,
                               const ChildLimits& limits);

// "SIGSEGV (segmentation fault)" for a signal number.
std::string describeSignal(int signal);

}  // namespace interp3d
