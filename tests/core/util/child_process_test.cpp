#include "util/child_process.h"

#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "util/progress.h"

namespace interp3d {
namespace {

ChildFailure failureOf(const std::function<std::string()>& work, const ChildLimits& limits = {}) {
  try {
    runInChild(work, limits);
  } catch (const ChildFailure& f) {
    return f;
  }
  ADD_FAILURE() << "the child returned normally";
  return ChildFailure(ChildFailure::Kind::Failed, 0, "");
}

// Uses about `kb` KB of stack; volatile so that it is not folded away.
int recurse(int kb) {
  volatile char frame[1024];
  frame[0] = static_cast<char>(kb);
  return kb <= 0 ? frame[0] : recurse(kb - 1) + frame[0];
}

TEST(ChildProcess, ReturnsEveryByteTheWorkReturns) {
  std::string big(10 << 20, '\0');
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 7919 % 251);
  EXPECT_EQ(runInChild([&big] { return big; }, {}), big);
  EXPECT_EQ(runInChild([] { return std::string(); }, {}), "");
}

TEST(ChildProcess, ErrorsComeBackWithTheirKindAndMessage) {
  const ChildFailure mesh = failureOf([]() -> std::string { throw MeshError("a.obj: no faces"); });
  EXPECT_EQ(mesh.kind, ChildFailure::Kind::Failed);
  EXPECT_EQ(mesh.errorType, 'M');
  EXPECT_STREQ(mesh.what(), "a.obj: no faces");
  EXPECT_EQ(failureOf([]() -> std::string { throw IoError("x"); }).errorType, 'I');
  EXPECT_EQ(failureOf([]() -> std::string { throw std::runtime_error("y"); }).errorType, 'E');
}

TEST(ChildProcess, ACrashIsReportedAndTheParentGoesOn) {
  const ChildFailure f = failureOf([]() -> std::string {
    std::raise(SIGSEGV);
    return "unreachable";
  });
  EXPECT_EQ(f.kind, ChildFailure::Kind::Crashed);
  EXPECT_NE(std::string(f.what()).find("SIGSEGV"), std::string::npos) << f.what();
  const ChildFailure exited = failureOf([]() -> std::string { std::_Exit(3); });
  EXPECT_EQ(exited.kind, ChildFailure::Kind::Crashed);
  EXPECT_NE(std::string(exited.what()).find("exit code 3"), std::string::npos) << exited.what();
}

TEST(ChildProcess, AHangIsKilledAtItsDeadline) {
  ChildLimits limits;
  limits.seconds = 0.3;
  const auto start = std::chrono::steady_clock::now();
  const ChildFailure f = failureOf(
      []() -> std::string {
        for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
      },
      limits);
  EXPECT_EQ(f.kind, ChildFailure::Kind::TimedOut);
  EXPECT_NE(std::string(f.what()).find("more than 0.3 s"), std::string::npos) << f.what();
  // Not a speed target: a hang that was not stopped would take forever.
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30));
}

TEST(ChildProcess, MemoryBeyondTheLimitIsRefused) {
  if (!memoryLimitEnforced()) GTEST_SKIP() << "an AddressSanitizer build applies no memory limit";
  ChildLimits limits;
  limits.memoryMB = 64;
  const ChildFailure f = failureOf(
      [] {
        std::vector<char> huge(std::size_t(1) << 30, 1);  // 1 GB
        return std::string(1, huge[12345]);
      },
      limits);
  EXPECT_EQ(f.kind, ChildFailure::Kind::OutOfMemory);
  EXPECT_NE(std::string(f.what()).find("more than 64 MB"), std::string::npos) << f.what();
  // Within the limit, the same work succeeds.
  limits.memoryMB = 2048;
  EXPECT_EQ(runInChild(
                [] {
                  std::vector<char> huge(std::size_t(1) << 30, 1);
                  return std::string(1, huge[12345]);
                },
                limits),
            std::string(1, 1));
}

TEST(ChildProcess, TheWorkGetsTheStackItWasGivenAndNoMore) {
  ChildLimits limits;
  limits.stackMB = 128;
  EXPECT_EQ(runInChild(
                [] {
                  volatile int sink = recurse(64 * 1024);
                  (void)sink;
                  return std::string("deep");
                },
                limits),
            "deep");
  limits.stackMB = 4;
  EXPECT_EQ(failureOf([] { return std::to_string(recurse(64 * 1024)); }, limits).kind,
            ChildFailure::Kind::Crashed);
}

TEST(ChildProcess, CancellingStopsTheChild) {
  Progress progress;
  std::thread canceller([&progress] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    progress.cancel();
  });
  EXPECT_THROW(runInChild(
                   []() -> std::string {
                     for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
                   },
                   {}, progress.cancelFlag()),
               Cancelled);
  canceller.join();
}

}  // namespace
}  // namespace interp3d

namespace interp3d {
namespace {

// Children started from two threads run one after another: each writes its start and end into a
// shared file, and the file never shows one child starting while the other runs.
TEST(ChildProcess, ChildrenFromSeveralThreadsRunOneAfterAnother) {
  const std::filesystem::path log =
      std::filesystem::temp_directory_path() / ("interp3d-serial-" + std::to_string(::getpid()));
  std::filesystem::remove(log);
  const auto child = [&log](char id) {
    return [&log, id] {
      std::FILE* f = std::fopen(log.c_str(), "a");
      std::fputc(id, f);
      std::fflush(f);
      ::usleep(200000);
      std::fputc(id, f);
      std::fclose(f);
      return std::string(1, id);
    };
  };
  std::string a, b;
  std::thread other([&] { a = runInChild(child('a'), ChildLimits{}); });
  b = runInChild(child('b'), ChildLimits{});
  other.join();
  EXPECT_EQ(a, "a");
  EXPECT_EQ(b, "b");
  std::ifstream in(log);
  const std::string order((std::istreambuf_iterator<char>(in)), {});
  EXPECT_TRUE(order == "aabb" || order == "bbaa") << order;
  std::filesystem::remove(log);
}

}  // namespace
}  // namespace interp3d
