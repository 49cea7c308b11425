#include "lattice/grid.h"

#include <algorithm>
#include <cstdint>

#include "util/parallel.h"

namespace interp3d {

GridSpec GridSpec::unitCube(int cells, int margin) {
  GridSpec s;
  s.cells = cells + 2 * margin;
  s.spacing = 1.0f / static_cast<float>(cells);
  s.origin = glm::vec3(-0.5f - margin * s.spacing);
  return s;
}

std::array<float, 8> cornerValues(const ScalarGrid& grid, const glm::ivec3& cell) {
  std::array<float, 8> d{};
  for (int c = 0; c < 8; ++c) {
    const glm::ivec3 p = cell + cellCorner(c);
    d[c] = grid.at(p.x, p.y, p.z);
  }
  return d;
}

std::vector<glm::ivec3> surfaceCells(const ScalarGrid& grid) {
  std::vector<glm::ivec3> cells;
  const int n = grid.spec.points();
  for (int k = 0; k + 1 < n; ++k)
    for (int j = 0; j + 1 < n; ++j)
      for (int i = 0; i + 1 < n; ++i) {
        bool negative = false, positive = false;
        for (float v : cornerValues(grid, {i, j, k})) (v < 0.0f ? negative : positive) = true;
        if (negative && positive) cells.emplace_back(i, j, k);
      }
  return cells;
}

void setCellCorners(const std::vector<glm::ivec3>& cells,
                    const std::vector<std::array<float, 8>>& corners, ScalarGrid& grid) {
  std::vector<double> sum(grid.values.size(), 0.0);  // exact for up to 8 equal floats
  std::vector<std::uint8_t> count(grid.values.size(), 0);
  for (std::size_t v = 0; v < cells.size(); ++v) {
    for (int c = 0; c < 8; ++c) {
      const glm::ivec3 p = cells[v] + cellCorner(c);
      const std::size_t idx = grid.spec.index(p.x, p.y, p.z);
      sum[idx] += corners[v][c];
      ++count[idx];
    }
  }
  for (std::size_t i = 0; i < sum.size(); ++i)
    if (count[i]) grid.values[i] = static_cast<float>(sum[i] / count[i]);
}

template <typename T>
void gaussianBlur(Grid<T>& grid, float sigma, int threads) {
  if (sigma <= 0.0f) return;
  const int radius = std::max(1, static_cast<int>(std::ceil(3.0f * sigma)));
  std::vector<float> kernel(2 * radius + 1);
  float sum = 0.0f;
  for (int r = -radius; r <= radius; ++r)
    sum += kernel[r + radius] = std::exp(-0.5f * r * r / (sigma * sigma));
  for (float& k : kernel) k /= sum;
  const int n = grid.spec.points();
  for (int axis = 0; axis < 3; ++axis) {
    parallelFor(static_cast<std::size_t>(n), threads, [&](std::size_t begin, std::size_t end) {
      std::vector<T> line(n), out(n);
      for (int a = static_cast<int>(begin); a < static_cast<int>(end); ++a) {
        for (int b = 0; b < n; ++b) {
          auto idx = [&](int c) {
            return axis == 0   ? grid.spec.index(c, a, b)
                   : axis == 1 ? grid.spec.index(a, c, b)
                               : grid.spec.index(a, b, c);
          };
          for (int c = 0; c < n; ++c) line[c] = grid.values[idx(c)];
          for (int c = 0; c < n; ++c) {
            T acc = line[c] * 0.0f;
            for (int r = -radius; r <= radius; ++r)
              acc += line[std::clamp(c + r, 0, n - 1)] * kernel[r + radius];
            out[c] = acc;
          }
          for (int c = 0; c < n; ++c) grid.values[idx(c)] = out[c];
        }
      }
    });
  }
}

template void gaussianBlur<float>(Grid<float>&, float, int);
template void gaussianBlur<glm::vec3>(Grid<glm::vec3>&, float, int);

}  // namespace interp3d
