#include "lattice/redistance.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <glm/geometric.hpp>

namespace interp3d {

void sweepDistances(std::vector<float>& u, const std::vector<std::uint8_t>& fixed,
                    const GridSpec& spec) {
  const int n = spec.points();
  const float h = spec.spacing;
  auto at = [&](int i, int j, int k) -> float& { return u[spec.index(i, j, k)]; };
  for (int sweep = 0; sweep < 2; ++sweep) {
    for (int order = 0; order < 8; ++order) {
      const int di = (order & 1) ? -1 : 1, dj = (order & 2) ? -1 : 1, dk = (order & 4) ? -1 : 1;
      for (int k = dk > 0 ? 0 : n - 1; k >= 0 && k < n; k += dk)
        for (int j = dj > 0 ? 0 : n - 1; j >= 0 && j < n; j += dj)
          for (int i = di > 0 ? 0 : n - 1; i >= 0 && i < n; i += di) {
            if (fixed[spec.index(i, j, k)]) continue;
            float a[3] = {
                std::min(i > 0 ? at(i - 1, j, k) : 1e30f, i + 1 < n ? at(i + 1, j, k) : 1e30f),
                std::min(j > 0 ? at(i, j - 1, k) : 1e30f, j + 1 < n ? at(i, j + 1, k) : 1e30f),
                std::min(k > 0 ? at(i, j, k - 1) : 1e30f, k + 1 < n ? at(i, j, k + 1) : 1e30f)};
            if (a[0] > a[1]) std::swap(a[0], a[1]);
            if (a[1] > a[2]) std::swap(a[1], a[2]);
            if (a[0] > a[1]) std::swap(a[0], a[1]);
            if (a[0] >= at(i, j, k)) continue;  // no neighbour can bring this point closer
            float x = a[0] + h;
            if (x > a[1]) {
              const float s = a[0] + a[1], q = a[0] * a[0] + a[1] * a[1] - h * h;
              x = 0.5f * (s + std::sqrt(std::max(0.0f, s * s - 2.0f * q)));
              if (x > a[2]) {
                const float s3 = a[0] + a[1] + a[2];
                const float q3 = a[0] * a[0] + a[1] * a[1] + a[2] * a[2] - h * h;
                x = (s3 + std::sqrt(std::max(0.0f, s3 * s3 - 3.0f * q3))) / 3.0f;
              }
            }
            float& v = at(i, j, k);
            v = std::min(v, x);
          }
    }
  }
}

void redistance(ScalarGrid& field) {
  const GridSpec& spec = field.spec;
  const int n = spec.points();
  const float h = spec.spacing;
  std::vector<std::uint8_t> fixed(spec.size(), 0);
  std::vector<float> u(spec.size(), 1e30f);
  auto value = [&](int i, int j, int k) {
    return field.values[spec.index(std::clamp(i, 0, n - 1), std::clamp(j, 0, n - 1),
                                   std::clamp(k, 0, n - 1))];
  };
  for (int k = 0; k < n; ++k)
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i) {
        const float f = value(i, j, k);
        const bool inside = f < 0.0f;
        bool beside = false;
        for (const auto& [di, dj, dk] :
             {std::array{1, 0, 0}, std::array{-1, 0, 0}, std::array{0, 1, 0}, std::array{0, -1, 0},
              std::array{0, 0, 1}, std::array{0, 0, -1}}) {
          const int a = i + di, b = j + dj, c = k + dk;
          if (a < 0 || b < 0 || c < 0 || a >= n || b >= n || c >= n) continue;
          beside = beside || ((value(a, b, c) < 0.0f) != inside);
        }
        if (!beside) {
          // Far from the surface the field's own value stands in (the sweep could only refine
          // distances no later step reads).
          if (std::fabs(f) > 6.0f * h) {
            fixed[spec.index(i, j, k)] = 1;
            u[spec.index(i, j, k)] = std::fabs(f);
          }
          continue;
        }
        const glm::vec3 g(value(i + 1, j, k) - value(i - 1, j, k),
                          value(i, j + 1, k) - value(i, j - 1, k),
                          value(i, j, k + 1) - value(i, j, k - 1));
        const float slope = std::max(glm::length(g) / (2.0f * h), 0.25f);
        const std::size_t p = spec.index(i, j, k);
        fixed[p] = 1;
        u[p] = std::min(std::fabs(f) / slope, h);
      }
  sweepDistances(u, fixed, spec);
  for (std::size_t p = 0; p < spec.size(); ++p)
    field.values[p] = field.values[p] < 0.0f ? -u[p] : u[p];
}

}  // namespace interp3d
