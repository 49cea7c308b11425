// LibTorch (only its tensor library, ATen) for the symmetric eigen-decomposition.
#include "morph/voxel_descriptors.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>
#include <unordered_map>

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <glm/geometric.hpp>

namespace interp3d {

VoxelGraph buildVoxelGraph(const std::vector<glm::vec3>& positions, float radius) {
  VoxelGraph g;
  g.neighbours.resize(positions.size());
  auto cellOf = [&](const glm::vec3& p) { return glm::ivec3(glm::floor(p / radius)); };
  auto key = [](const glm::ivec3& c) {
    return (std::uint64_t(std::uint32_t(c.x) & 0x1fffff) << 42) |
           (std::uint64_t(std::uint32_t(c.y) & 0x1fffff) << 21) |
           std::uint64_t(std::uint32_t(c.z) & 0x1fffff);
  };
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> cells;
  for (std::size_t i = 0; i < positions.size(); ++i)
    cells[key(cellOf(positions[i]))].push_back(static_cast<std::uint32_t>(i));
  for (std::size_t i = 0; i < positions.size(); ++i) {
    const glm::ivec3 c = cellOf(positions[i]);
    for (int dz = -1; dz <= 1; ++dz)
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) {
          const auto it = cells.find(key(c + glm::ivec3(dx, dy, dz)));
          if (it == cells.end()) continue;
          for (std::uint32_t j : it->second) {
            if (j == i) continue;
            const float d = glm::distance(positions[i], positions[j]);
            if (d < radius) g.neighbours[i].emplace_back(j, d);
          }
        }
  }
  return g;
}

std::vector<float> heatKernelSignature(const VoxelGraph& graph, const std::vector<float>& times,
                                       int eigenpairs, int threads) {
  const auto n = static_cast<std::int64_t>(graph.neighbours.size());
  const auto nt = static_cast<std::int64_t>(times.size());
  std::vector<float> out(static_cast<std::size_t>(n * nt), 1.0f);
  if (n < 3) return out;
  at::set_num_threads(std::max(1, threads));
  // Gaussian edge weights on the mean edge length; normalised Laplacian I - D^-1/2 W D^-1/2.
  double meanEdge = 0.0;
  std::size_t edges = 0;
  for (const auto& list : graph.neighbours)
    for (const auto& [j, d] : list) meanEdge += d, ++edges;
  meanEdge = edges ? meanEdge / edges : 1.0;
  at::Tensor w = at::zeros({n, n}, at::kDouble);
  auto wa = w.accessor<double, 2>();
  for (std::int64_t i = 0; i < n; ++i)
    for (const auto& [j, d] : graph.neighbours[i])
      wa[i][j] = std::exp(-(d * d) / (meanEdge * meanEdge));
  const at::Tensor deg = w.sum(1).clamp_min(1e-12);
  const at::Tensor inv = deg.rsqrt();
  const at::Tensor lap = at::eye(n, at::kDouble) - inv.unsqueeze(1) * w * inv.unsqueeze(0);
  const auto [values, vectors] = at::linalg_eigh(lap, "L");
  const std::int64_t k = std::min<std::int64_t>(eigenpairs, n);
  const at::Tensor lambda = values.slice(0, 0, k).clamp_min(0.0);
  const at::Tensor phi2 = vectors.slice(1, 0, k).pow(2);  // n x k
  for (std::int64_t t = 0; t < nt; ++t) {
    at::Tensor h = phi2.matmul(at::exp(-lambda * static_cast<double>(times[t])));  // n
    h = h / h.mean().clamp_min(1e-30);
    const at::Tensor hc = h.to(at::kFloat).contiguous();
    const float* hp = hc.data_ptr<float>();
    for (std::int64_t i = 0; i < n; ++i) out[static_cast<std::size_t>(i * nt + t)] = hp[i];
  }
  return out;
}

std::vector<float> graphGeodesic(const VoxelGraph& graph, const std::vector<glm::vec3>& positions,
                                 const glm::vec3& from) {
  const std::size_t n = positions.size();
  std::vector<float> dist(n, std::numeric_limits<float>::infinity());
  if (n == 0) return dist;
  std::size_t start = 0;
  for (std::size_t i = 1; i < n; ++i) {
    if (glm::distance(positions[i], from) < glm::distance(positions[start], from)) start = i;
  }
  using Item = std::pair<float, std::uint32_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<Item>> queue;
  dist[start] = glm::distance(positions[start], from);
  queue.emplace(dist[start], static_cast<std::uint32_t>(start));
  while (!queue.empty()) {
    const auto [d, i] = queue.top();
    queue.pop();
    if (d > dist[i]) continue;
    for (const auto& [j, w] : graph.neighbours[i]) {
      if (d + w < dist[j]) {
        dist[j] = d + w;
        queue.emplace(dist[j], j);
      }
    }
  }
  float reachable = 0.0f;
  for (float d : dist) {
    if (std::isfinite(d)) reachable = std::max(reachable, d);
  }
  for (float& d : dist) {
    if (!std::isfinite(d)) d = reachable;
  }
  return dist;
}

}  // namespace interp3d
