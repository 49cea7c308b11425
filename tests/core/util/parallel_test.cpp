#include "util/parallel.h"

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace interp3d {
namespace {

// A worker's exception reaches the caller (it once ended the process: an exception that leaves a
// std::thread calls std::terminate), after every other worker has finished its part.
TEST(Parallel, AChunksExceptionReachesTheCallerAfterTheOthersFinish) {
  std::atomic<int> done{0};
  EXPECT_THROW(parallelFor(100, 2,
                           [&](std::size_t begin, std::size_t end) {
                             if (begin == 0) throw std::runtime_error("first half");
                             done += static_cast<int>(end - begin);
                           }),
               std::runtime_error);
  EXPECT_EQ(done.load(), 50);
}

TEST(Parallel, EachItemIsVisitedOnceSpreadOverTheThreads) {
  std::vector<int> visits(37, 0);
  std::vector<std::thread::id> by(37);
  parallelEach(visits.size(), 2, [&](std::size_t i) {
    ++visits[i];
    by[i] = std::this_thread::get_id();
  });
  for (int v : visits) EXPECT_EQ(v, 1);
  EXPECT_NE(by[0], by[1]);  // neighbours on different threads
  EXPECT_EQ(by[0], by[2]);
  EXPECT_THROW(parallelEach(5, 2,
                            [](std::size_t i) {
                              if (i == 3) throw std::runtime_error("item 3");
                            }),
               std::runtime_error);
}

}  // namespace
}  // namespace interp3d
