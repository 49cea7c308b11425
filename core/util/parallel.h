// A minimal parallel loop over index ranges on std::thread (the engine's own loops; LibTorch and
// Open3D manage their threads themselves).
#pragma once

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace interp3d {

// Calls body(begin, end) on `threads` contiguous chunks of [0, n) and waits for all of them.
template <typename Body>
void parallelFor(std::size_t n, int threads, Body body) {
  const std::size_t workers =
      std::max<std::size_t>(1, std::min<std::size_t>(static_cast<std::size_t>(threads), n));
  if (workers <= 1) {
    body(std::size_t{0}, n);
    return;
  }
  std::vector<std::thread> pool;
  const std::size_t chunk = (n + workers - 1) / workers;
  for (std::size_t w = 0; w < workers; ++w) {
    const std::size_t begin = w * chunk, end = std::min(n, begin + chunk);
    if (begin < end) pool.emplace_back([=] { body(begin, end); });
  }
  for (std::thread& t : pool) t.join();
}

}  // namespace interp3d
