// A minimal parallel loop over index ranges on std::thread (the engine's own loops; LibTorch and
// Open3D manage their threads themselves).
#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace interp3d {

// Calls body(begin, end) on `threads` contiguous chunks of [0, n) and waits for all of them.
// An exception thrown by a chunk (the first, if several throw) is rethrown once all have ended.
template <typename Body>
void parallelFor(std::size_t n, int threads, Body body) {
  const std::size_t workers =
      std::max<std::size_t>(1, std::min<std::size_t>(static_cast<std::size_t>(threads), n));
  if (workers <= 1) {
    body(std::size_t{0}, n);
    return;
  }
  std::vector<std::thread> pool;
  std::vector<std::exception_ptr> failed(workers);
  const std::size_t chunk = (n + workers - 1) / workers;
  for (std::size_t w = 0; w < workers; ++w) {
    const std::size_t begin = w * chunk, end = std::min(n, begin + chunk);
    if (begin < end)
      pool.emplace_back([=, &failed] {
        try {
          body(begin, end);
        } catch (...) {
          failed[w] = std::current_exception();
        }
      });
  }
  for (std::thread& t : pool) t.join();
  for (const std::exception_ptr& e : failed)
    if (e) std::rethrow_exception(e);
}

// Calls body(i) for every i in [0, n), item i on thread i % threads (items of uneven cost, in
// no particular order, spread evenly); exceptions as parallelFor.
template <typename Body>
void parallelEach(std::size_t n, int threads, Body body) {
  const std::size_t workers =
      std::max<std::size_t>(1, std::min<std::size_t>(static_cast<std::size_t>(threads), n));
  parallelFor(workers, static_cast<int>(workers), [&](std::size_t begin, std::size_t end) {
    for (std::size_t w = begin; w < end; ++w)
      for (std::size_t i = w; i < n; i += workers) body(i);
  });
}

}  // namespace interp3d
