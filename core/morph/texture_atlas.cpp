#include "morph/texture_atlas.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include <glm/geometric.hpp>

namespace interp3d {

namespace {
constexpr float kGutter = 2.0f;  // texels around every chart

int dominantAxisClass(const glm::vec3& n) {
  const glm::vec3 a = glm::abs(n);
  const int axis = a.x >= a.y && a.x >= a.z ? 0 : (a.y >= a.z ? 1 : 2);
  return 2 * axis + (n[axis] < 0.0f ? 1 : 0);
}
}  // namespace

TriangleAtlas layoutChartAtlas(const TexturedMesh& mesh, int textureSize) {
  const std::size_t nf = mesh.triangles.size();
  TriangleAtlas atlas;
  atlas.size = textureSize;
  atlas.cornerUVs.assign(3 * nf, glm::vec2(0.0f));
  if (nf == 0) return atlas;

  // Class of each triangle, then charts = connected components within a class (across edges).
  std::vector<int> cls(nf);
  for (std::size_t f = 0; f < nf; ++f) {
    const glm::uvec3 t = mesh.triangles[f];
    cls[f] = dominantAxisClass(glm::cross(mesh.positions[t.y] - mesh.positions[t.x],
                                          mesh.positions[t.z] - mesh.positions[t.x]));
  }
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> edgeFaces;
  edgeFaces.reserve(3 * nf);
  for (std::size_t f = 0; f < nf; ++f) {
    for (int k = 0; k < 3; ++k) {
      const std::uint32_t a = mesh.triangles[f][k], b = mesh.triangles[f][(k + 1) % 3];
      edgeFaces[(std::uint64_t(std::min(a, b)) << 32) | std::max(a, b)].push_back(
          static_cast<std::uint32_t>(f));
    }
  }
  std::vector<int> chartOf(nf, -1);
  std::vector<std::vector<std::uint32_t>> charts;
  for (std::size_t seed = 0; seed < nf; ++seed) {
    if (chartOf[seed] >= 0) continue;
    const int id = static_cast<int>(charts.size());
    charts.emplace_back();
    std::vector<std::uint32_t> stack{static_cast<std::uint32_t>(seed)};
    chartOf[seed] = id;
    while (!stack.empty()) {
      const std::uint32_t f = stack.back();
      stack.pop_back();
      charts[id].push_back(f);
      for (int k = 0; k < 3; ++k) {
        const std::uint32_t a = mesh.triangles[f][k], b = mesh.triangles[f][(k + 1) % 3];
        for (std::uint32_t g : edgeFaces[(std::uint64_t(std::min(a, b)) << 32) | std::max(a, b)]) {
          if (chartOf[g] < 0 && cls[g] == cls[f]) {
            chartOf[g] = id;
            stack.push_back(g);
          }
        }
      }
    }
  }

  // Project each chart onto its axis plane; bounding rectangles in world units.
  struct Chart {
    glm::vec2 min{1e30f}, max{-1e30f};
    int u = 0, v = 1;
  };
  std::vector<Chart> info(charts.size());
  double area = 0.0;
  for (std::size_t c = 0; c < charts.size(); ++c) {
    const int axis = cls[charts[c].front()] / 2;
    info[c].u = (axis + 1) % 3;
    info[c].v = (axis + 2) % 3;
    for (std::uint32_t f : charts[c]) {
      for (int k = 0; k < 3; ++k) {
        const glm::vec3& p = mesh.positions[mesh.triangles[f][k]];
        const glm::vec2 q(p[info[c].u], p[info[c].v]);
        info[c].min = glm::min(info[c].min, q);
        info[c].max = glm::max(info[c].max, q);
      }
    }
    const glm::vec2 size = info[c].max - info[c].min;
    area += static_cast<double>(size.x) * size.y;
  }
  std::vector<std::size_t> order(charts.size());
  for (std::size_t c = 0; c < order.size(); ++c) order[c] = c;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return info[a].max.y - info[a].min.y > info[b].max.y - info[b].min.y;
  });

  // Shelf packing at a texel density that fills about 60% of the texture; shrink until it fits.
  const float side = static_cast<float>(textureSize);
  float density = static_cast<float>(std::sqrt(0.6 * side * side / std::max(area, 1e-12)));
  std::vector<glm::vec2> offset(charts.size());
  for (int attempt = 0; attempt < 60; ++attempt) {
    float x = 0.0f, y = 0.0f, shelf = 0.0f;
    bool fits = true;
    for (std::size_t c : order) {
      const glm::vec2 size = (info[c].max - info[c].min) * density + 2.0f * kGutter;
      if (x + size.x > side) {
        x = 0.0f;
        y += shelf;
        shelf = 0.0f;
      }
      if (size.x > side || y + size.y > side) {
        fits = false;
        break;
      }
      offset[c] = glm::vec2(x, y) + kGutter;
      x += std::ceil(size.x);
      shelf = std::max(shelf, std::ceil(size.y));
    }
    if (fits) break;
    density *= 0.92f;
  }
  for (std::size_t c = 0; c < charts.size(); ++c) {
    for (std::uint32_t f : charts[c]) {
      for (int k = 0; k < 3; ++k) {
        const glm::vec3& p = mesh.positions[mesh.triangles[f][k]];
        const glm::vec2 px =
            offset[c] + (glm::vec2(p[info[c].u], p[info[c].v]) - info[c].min) * density;
        atlas.cornerUVs[3 * f + k] = {px.x / side, 1.0f - px.y / side};
      }
    }
  }
  return atlas;
}

std::vector<Texel> atlasTexels(const TriangleAtlas& atlas) {
  std::vector<Texel> texels;
  const std::size_t triangles = atlas.cornerUVs.size() / 3;
  const float s = static_cast<float>(atlas.size);
  for (std::size_t f = 0; f < triangles; ++f) {
    glm::vec2 p[3];
    for (int k = 0; k < 3; ++k)
      p[k] = {atlas.cornerUVs[3 * f + k].x * s, (1.0f - atlas.cornerUVs[3 * f + k].y) * s};
    const float area =
        (p[1].x - p[0].x) * (p[2].y - p[0].y) - (p[2].x - p[0].x) * (p[1].y - p[0].y);
    if (std::fabs(area) < 1e-8f) continue;
    const int x0 = std::max(0, static_cast<int>(std::floor(std::min({p[0].x, p[1].x, p[2].x}))));
    const int x1 =
        std::min(atlas.size - 1, static_cast<int>(std::ceil(std::max({p[0].x, p[1].x, p[2].x}))));
    const int y0 = std::max(0, static_cast<int>(std::floor(std::min({p[0].y, p[1].y, p[2].y}))));
    const int y1 =
        std::min(atlas.size - 1, static_cast<int>(std::ceil(std::max({p[0].y, p[1].y, p[2].y}))));
    for (int y = y0; y <= y1; ++y) {
      for (int x = x0; x <= x1; ++x) {
        const glm::vec2 c(x + 0.5f, y + 0.5f);
        const float w1 =
            ((c.x - p[0].x) * (p[2].y - p[0].y) - (p[2].x - p[0].x) * (c.y - p[0].y)) / area;
        const float w2 =
            ((p[1].x - p[0].x) * (c.y - p[0].y) - (c.x - p[0].x) * (p[1].y - p[0].y)) / area;
        const float w0 = 1.0f - w1 - w2;
        if (w0 < -1e-4f || w1 < -1e-4f || w2 < -1e-4f) continue;
        texels.push_back({x, y, static_cast<std::uint32_t>(f), {w0, w1, w2}});
      }
    }
  }
  return texels;
}

void dilateImage(Image& image, std::vector<std::uint8_t>& covered, int rings) {
  const int w = image.width, h = image.height;
  for (int ring = 0; ring < rings; ++ring) {
    std::vector<std::uint8_t> next = covered;
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) {
        const std::size_t i = static_cast<std::size_t>(y) * w + x;
        if (covered[i]) continue;
        int sum[4] = {0, 0, 0, 0}, count = 0;
        for (const auto& [dx, dy] :
             {std::pair{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {1, 1}, {-1, -1}, {1, -1}, {-1, 1}}) {
          const int nx = x + dx, ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
          const std::size_t j = static_cast<std::size_t>(ny) * w + nx;
          if (!covered[j]) continue;
          for (int c = 0; c < 4; ++c) sum[c] += image.rgba[4 * j + c];
          ++count;
        }
        if (count == 0) continue;
        for (int c = 0; c < 4; ++c)
          image.rgba[4 * i + c] = static_cast<std::uint8_t>(sum[c] / count);
        next[i] = 1;
      }
    }
    covered.swap(next);
  }
}

}  // namespace interp3d
