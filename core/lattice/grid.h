// A dense scalar or vector grid over an axis-aligned cube, sampled at (n+1)^3 lattice points.
#pragma once

#include <array>
#include <cmath>
#include <vector>

#include <glm/vec3.hpp>

namespace interp3d {

struct GridSpec {
  int cells = 64;                // cells per side; lattice points per side = cells + 1
  glm::vec3 origin{-0.6f};       // position of lattice point (0, 0, 0)
  float spacing = 1.2f / 64.0f;  // distance between neighbouring lattice points

  int points() const { return cells + 1; }
  std::size_t size() const { return static_cast<std::size_t>(points()) * points() * points(); }
  std::size_t index(int i, int j, int k) const {
    return (static_cast<std::size_t>(k) * points() + j) * points() + i;
  }
  // The lattice point (i, j, k) of an index: index()'s inverse.
  glm::ivec3 point(std::size_t index) const {
    const auto n = static_cast<std::size_t>(points());
    return {static_cast<int>(index % n), static_cast<int>(index / n % n),
            static_cast<int>(index / (n * n))};
  }
  glm::vec3 position(int i, int j, int k) const { return origin + spacing * glm::vec3(i, j, k); }
  // The cell holding p, by its corner 0, and p's place in it (0..1 along each axis); p is clamped
  // into the grid (a NaN coordinate to 0, as fmax would, without its libm call).
  void locate(const glm::vec3& p, glm::ivec3& cell, glm::vec3& within) const {
    const glm::vec3 g = (p - origin) / spacing;
    auto clamp = [hi = cells - 1e-4f](float v) { return v > 0.0f ? (v < hi ? v : hi) : 0.0f; };
    const glm::vec3 c(clamp(g.x), clamp(g.y), clamp(g.z));
    cell = glm::ivec3(static_cast<int>(c.x), static_cast<int>(c.y), static_cast<int>(c.z));
    within = c - glm::vec3(cell);
  }
  // The grid covering the unit cube [-0.5, 0.5]^3 with `margin` cells of padding on each side.
  static GridSpec unitCube(int cells, int margin = 3);
};

// Values of type T at every lattice point; trilinear sampling clamps to the grid.
template <typename T>
struct Grid {
  GridSpec spec;
  std::vector<T> values;

  Grid() = default;
  Grid(const GridSpec& s, T fill) : spec(s), values(s.size(), fill) {}
  T& at(int i, int j, int k) { return values[spec.index(i, j, k)]; }
  const T& at(int i, int j, int k) const { return values[spec.index(i, j, k)]; }

  T sample(const glm::vec3& p) const {
    glm::ivec3 cell;
    glm::vec3 f;
    spec.locate(p, cell, f);
    const int i = cell.x, j = cell.y, k = cell.z;
    const float fx = f.x, fy = f.y, fz = f.z;
    auto lerp = [](const T& a, const T& b, float t) { return a + (b - a) * t; };
    const T c00 = lerp(at(i, j, k), at(i + 1, j, k), fx);
    const T c10 = lerp(at(i, j + 1, k), at(i + 1, j + 1, k), fx);
    const T c01 = lerp(at(i, j, k + 1), at(i + 1, j, k + 1), fx);
    const T c11 = lerp(at(i, j + 1, k + 1), at(i + 1, j + 1, k + 1), fx);
    return lerp(lerp(c00, c10, fy), lerp(c01, c11, fy), fz);
  }
};

using ScalarGrid = Grid<float>;
using VectorGrid = Grid<glm::vec3>;

// Corner c (0..7) of a lattice cell as an offset from its corner 0: (c & 1, (c >> 1) & 1,
// (c >> 2) & 1), x fastest.
inline glm::ivec3 cellCorner(int c) {
  return {c & 1, (c >> 1) & 1, (c >> 2) & 1};
}

// The values at the 8 corners of `cell` (its corner 0's lattice index), in cellCorner order.
std::array<float, 8> cornerValues(const ScalarGrid& grid, const glm::ivec3& cell);

// The cells (by corner 0, x fastest) whose corners are not all of one sign: those the zero
// surface passes through (a value < 0 is inside).
std::vector<glm::ivec3> surfaceCells(const ScalarGrid& grid);

// Writes `corners[v]` to the corners of `cells[v]`; a lattice point shared by several of the
// cells gets the mean of their values. Other points keep theirs.
void setCellCorners(const std::vector<glm::ivec3>& cells,
                    const std::vector<std::array<float, 8>>& corners, ScalarGrid& grid);

// The same field on a lattice `factor` times coarser (same origin; every factor-th point, the last
// row extended when the cells do not divide).
template <typename T>
Grid<T> coarsened(const Grid<T>& grid, int factor) {
  GridSpec spec = grid.spec;
  spec.cells = (grid.spec.cells + factor - 1) / factor;
  spec.spacing = grid.spec.spacing * static_cast<float>(factor);
  Grid<T> out(spec, T{});
  const int n = spec.points();
  for (int k = 0; k < n; ++k)
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i) out.at(i, j, k) = grid.sample(spec.position(i, j, k));
  return out;
}

// Separable Gaussian blur with standard deviation `sigma` in lattice units (clamped borders), its
// lines on `threads` threads (the result does not depend on their number).
template <typename T>
void gaussianBlur(Grid<T>& grid, float sigma, int threads = 1);

}  // namespace interp3d
