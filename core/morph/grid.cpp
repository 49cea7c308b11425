#include "morph/grid.h"

#include <algorithm>

namespace interp3d {

GridSpec GridSpec::unitCube(int cells, int margin) {
  GridSpec s;
  s.cells = cells + 2 * margin;
  s.spacing = 1.0f / static_cast<float>(cells);
  s.origin = glm::vec3(-0.5f - margin * s.spacing);
  return s;
}

template <typename T>
void gaussianBlur(Grid<T>& grid, float sigma) {
  if (sigma <= 0.0f) return;
  const int radius = std::max(1, static_cast<int>(std::ceil(3.0f * sigma)));
  std::vector<float> kernel(2 * radius + 1);
  float sum = 0.0f;
  for (int r = -radius; r <= radius; ++r)
    sum += kernel[r + radius] = std::exp(-0.5f * r * r / (sigma * sigma));
  for (float& k : kernel) k /= sum;
  const int n = grid.spec.points();
  std::vector<T> line(n), out(n);
  for (int axis = 0; axis < 3; ++axis) {
    for (int a = 0; a < n; ++a) {
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
  }
}

template void gaussianBlur<float>(Grid<float>&, float);
template void gaussianBlur<glm::vec3>(Grid<glm::vec3>&, float);

}  // namespace interp3d
