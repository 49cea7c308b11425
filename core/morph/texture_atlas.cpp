#include "morph/texture_atlas.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <unordered_map>

#include <glm/geometric.hpp>

#include "util/parallel.h"

namespace interp3d {

namespace {
constexpr float kGutter = 2.0f;  // texels around every chart

struct Chart {
  std::vector<std::uint32_t> faces;
  glm::vec3 normal{0.0f};            // area-weighted, unit
  glm::vec3 u{1, 0, 0}, v{0, 1, 0};  // projection basis
  glm::vec2 min{1e30f}, max{-1e30f};
  // Packing at the current density, for each quarter turn of the chart in its plane: for each
  // column of the chart's pixels, its lowest and highest covered row (gutter included), -1 for an
  // empty column.
  std::array<std::vector<int>, 4> bottom, top;
  int turn = 0;  // the quarter turns it is packed with
  glm::ivec2 offset{0};
};

// A chart's projection turned by `turn` quarter turns in its plane: its basis and extent.
struct Projection {
  glm::vec3 u, v;
  glm::vec2 min, max;
  // The pixel coordinates of a corner at `density` pixels per unit, before the chart's offset.
  glm::vec2 pixel(const glm::vec3& p, float density) const {
    return (glm::vec2(glm::dot(p, u), glm::dot(p, v)) - min) * density + kGutter;
  }
};

Projection turned(const Chart& c, int turn) {
  Projection t{c.u, c.v, c.min, c.max};
  for (int k = 0; k < turn; ++k) {  // (u, v) -> (v, -u)
    const glm::vec3 u = t.u;
    t.u = t.v;
    t.v = -u;
    const glm::vec2 lo = t.min, hi = t.max;
    t.min = {lo.y, -hi.x};
    t.max = {hi.y, -lo.x};
  }
  return t;
}

// Charts grown from the largest triangles across edges, while a triangle faces within
// `maxAngle` of the chart's mean normal: a chart ends where the surface turns (a crease, a rim),
// not at an arbitrary axis boundary.
std::vector<Chart> growCharts(const TexturedMesh& mesh, float maxAngle) {
  const std::size_t nf = mesh.triangles.size();
  std::vector<glm::vec3> normal(nf);
  std::vector<float> area(nf);
  for (std::size_t f = 0; f < nf; ++f) {
    const glm::uvec3 t = mesh.triangles[f];
    const glm::vec3 c = glm::cross(mesh.positions[t.y] - mesh.positions[t.x],
                                   mesh.positions[t.z] - mesh.positions[t.x]);
    area[f] = glm::length(c);
    normal[f] = area[f] > 0.0f ? c / area[f] : glm::vec3(0, 0, 1);
  }
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> edgeFaces;
  edgeFaces.reserve(3 * nf);
  for (std::size_t f = 0; f < nf; ++f)
    for (int k = 0; k < 3; ++k) {
      const std::uint32_t a = mesh.triangles[f][k], b = mesh.triangles[f][(k + 1) % 3];
      edgeFaces[(std::uint64_t(std::min(a, b)) << 32) | std::max(a, b)].push_back(
          static_cast<std::uint32_t>(f));
    }
  std::vector<std::uint32_t> seeds(nf);
  for (std::size_t f = 0; f < nf; ++f) seeds[f] = static_cast<std::uint32_t>(f);
  std::sort(seeds.begin(), seeds.end(),
            [&](std::uint32_t a, std::uint32_t b) { return area[a] > area[b]; });
  const float cosMax = std::cos(maxAngle);
  auto neighbours = [&](std::uint32_t f, int k) -> const std::vector<std::uint32_t>& {
    const std::uint32_t a = mesh.triangles[f][k], b = mesh.triangles[f][(k + 1) % 3];
    return edgeFaces[(std::uint64_t(std::min(a, b)) << 32) | std::max(a, b)];
  };
  std::vector<int> chartOf(nf, -1);
  std::vector<glm::vec3> sums;  // area-weighted normal sum of every chart
  for (std::uint32_t seed : seeds) {
    if (chartOf[seed] >= 0) continue;
    const int id = static_cast<int>(sums.size());
    glm::vec3 sum = normal[seed] * area[seed];
    chartOf[seed] = id;
    std::vector<std::uint32_t> front{seed};
    while (!front.empty()) {
      const std::uint32_t f = front.back();
      front.pop_back();
      const glm::vec3 mean = glm::normalize(sum + glm::vec3(1e-12f));
      for (int k = 0; k < 3; ++k)
        for (std::uint32_t g : neighbours(f, k)) {
          if (chartOf[g] >= 0 || glm::dot(normal[g], mean) < cosMax) continue;
          chartOf[g] = id;
          sum += normal[g] * area[g];
          front.push_back(g);
        }
    }
    sums.push_back(sum);
  }
  // Greedy growth leaves ragged borders (teeth of single triangles between charts), which pack
  // badly and lengthen seams: a triangle whose other two edges border one other chart joins it
  // when it faces within 75 degrees of that chart's mean (it then touches its old chart along
  // one edge only, so no chart comes apart).
  const float cosLoose = std::cos(75.0f * 3.14159265f / 180.0f);
  for (int pass = 0; pass < 4; ++pass) {
    bool changed = false;
    for (std::size_t f = 0; f < nf; ++f) {
      int other[3], own = 0;
      for (int k = 0; k < 3; ++k) {
        other[k] = -1;
        for (std::uint32_t g : neighbours(static_cast<std::uint32_t>(f), k))
          if (g != f) other[k] = chartOf[g];
        own += other[k] == chartOf[f];
      }
      if (own > 1) continue;
      for (int k = 0; k < 3; ++k) {
        const int c = other[k];
        if (c < 0 || c == chartOf[f]) continue;
        const int same = (other[0] == c) + (other[1] == c) + (other[2] == c);
        if (same < 2 || glm::dot(normal[f], glm::normalize(sums[c] + glm::vec3(1e-12f))) < cosLoose)
          continue;
        sums[chartOf[f]] -= normal[f] * area[f];
        sums[c] += normal[f] * area[f];
        chartOf[f] = c;
        changed = true;
        break;
      }
    }
    if (!changed) break;
  }
  std::vector<Chart> grown(sums.size());
  for (std::size_t f = 0; f < nf; ++f)
    grown[chartOf[f]].faces.push_back(static_cast<std::uint32_t>(f));
  std::vector<Chart> charts;
  for (std::size_t id = 0; id < grown.size(); ++id) {
    Chart& chart = grown[id];
    if (chart.faces.empty()) continue;
    const glm::vec3 sum = sums[id];
    chart.normal = glm::normalize(sum + glm::vec3(1e-12f));
    const glm::vec3 helper =
        std::fabs(chart.normal.x) < 0.9f ? glm::vec3(1, 0, 0) : glm::vec3(0, 1, 0);
    chart.u = glm::normalize(glm::cross(helper, chart.normal));
    chart.v = glm::cross(chart.normal, chart.u);
    // Turned in its plane to the angle (of 16) with the smallest bounding rectangle.
    float bestArea = 1e30f;
    glm::vec3 bestU = chart.u, bestV = chart.v;
    for (int a = 0; a < 16; ++a) {
      const float angle = 3.14159265f * 0.5f * a / 16.0f;
      const glm::vec3 u = std::cos(angle) * chart.u + std::sin(angle) * chart.v;
      const glm::vec3 v = glm::cross(chart.normal, u);
      glm::vec2 lo(1e30f), hi(-1e30f);
      for (std::uint32_t f : chart.faces)
        for (int k = 0; k < 3; ++k) {
          const glm::vec3& p = mesh.positions[mesh.triangles[f][k]];
          const glm::vec2 q(glm::dot(p, u), glm::dot(p, v));
          lo = glm::min(lo, q);
          hi = glm::max(hi, q);
        }
      const float boxArea = (hi.x - lo.x) * (hi.y - lo.y);
      if (boxArea < bestArea) bestArea = boxArea, bestU = u, bestV = v;
    }
    chart.u = bestU;
    chart.v = bestV;
    for (std::uint32_t f : chart.faces)
      for (int k = 0; k < 3; ++k) {
        const glm::vec3& p = mesh.positions[mesh.triangles[f][k]];
        const glm::vec2 q(glm::dot(p, chart.u), glm::dot(p, chart.v));
        chart.min = glm::min(chart.min, q);
        chart.max = glm::max(chart.max, q);
      }
    charts.push_back(std::move(chart));
  }
  return charts;
}

// Column profiles of a chart's triangles rasterized at `density` (grown by the gutter), turned
// by `turn` quarter turns.
void profile(const TexturedMesh& mesh, Chart& chart, float density, int turn) {
  const Projection c = turned(chart, turn);
  const glm::vec2 size = (c.max - c.min) * density + 2.0f * kGutter;
  const int w = static_cast<int>(std::ceil(size.x)) + 1;
  std::vector<int>& bottom = chart.bottom[turn];
  std::vector<int>& top = chart.top[turn];
  bottom.assign(w, -1);
  top.assign(w, -1);
  const int g = static_cast<int>(std::ceil(kGutter));
  auto mark = [&](int x, int y0, int y1) {
    for (int xx = std::max(0, x - g); xx <= std::min(w - 1, x + g); ++xx) {
      const int lo = std::max(0, y0 - g), hi = y1 + g;
      bottom[xx] = bottom[xx] < 0 ? lo : std::min(bottom[xx], lo);
      top[xx] = std::max(top[xx], hi);
    }
  };
  for (std::uint32_t f : chart.faces) {
    glm::vec2 p[3];
    for (int k = 0; k < 3; ++k) p[k] = c.pixel(mesh.positions[mesh.triangles[f][k]], density);
    // Each pixel column the triangle spans, from its lowest to its highest edge crossing.
    const int x0 = static_cast<int>(std::floor(std::min({p[0].x, p[1].x, p[2].x})));
    const int x1 = static_cast<int>(std::ceil(std::max({p[0].x, p[1].x, p[2].x})));
    for (int x = x0; x <= x1; ++x) {
      float lo = 1e30f, hi = -1e30f;
      for (int k = 0; k < 3; ++k) {
        const glm::vec2 a = p[k], b = p[(k + 1) % 3];
        const float xa = std::clamp(static_cast<float>(x), std::min(a.x, b.x), std::max(a.x, b.x));
        const float xb =
            std::clamp(static_cast<float>(x + 1), std::min(a.x, b.x), std::max(a.x, b.x));
        for (float xx : {xa, xb}) {
          const float t = std::fabs(b.x - a.x) > 1e-6f ? (xx - a.x) / (b.x - a.x) : 0.0f;
          const float y = a.y + std::clamp(t, 0.0f, 1.0f) * (b.y - a.y);
          lo = std::min(lo, y);
          hi = std::max(hi, y);
        }
      }
      if (lo <= hi) mark(x, static_cast<int>(std::floor(lo)), static_cast<int>(std::ceil(hi)));
    }
  }
}

// Packing of the charts' column profiles into a `side` wide strip, largest first: each chart, in
// the quarter turn that suits it best, goes where its top ends lowest, into any free space
// (beneath charts placed earlier too, not only on the skyline). Returns the height used.
int pack(std::vector<Chart>& charts, const std::vector<std::size_t>& order, int side) {
  // Occupied rows of every column: sorted, disjoint [first, last] intervals.
  std::vector<std::vector<std::pair<int, int>>> columns(side);
  // The lowest y >= `from` at which rows [y + bottom, y + top] of column x are free, or where the
  // first interval in the way ends (so y must grow).
  auto clearFrom = [&](int x, int y, int bottom, int top) {
    const auto& c = columns[x];
    // The first interval that ends at or after y + bottom.
    auto it = std::lower_bound(c.begin(), c.end(), y + bottom,
                               [](const std::pair<int, int>& iv, int v) { return iv.second < v; });
    if (it == c.end() || it->first > y + top) return y;
    return it->second + 1 - bottom;
  };
  int used = 0;
  for (std::size_t ci : order) {
    Chart& c = charts[ci];
    int bestX = 0, bestY = 0, bestTurn = -1;
    long bestTop = std::numeric_limits<long>::max();
    for (int turn = 0; turn < 4; ++turn) {
      const std::vector<int>& bottom = c.bottom[turn];
      const std::vector<int>& top = c.top[turn];
      const int w = static_cast<int>(bottom.size());
      if (w > side) continue;
      int height = 0;
      for (int k = 0; k < w; ++k) height = std::max(height, top[k] + 1);
      for (int x = 0; x + w <= side; ++x) {
        int y = 0;
        for (bool moved = true; moved && y + height < bestTop;) {
          moved = false;
          for (int k = 0; k < w && y + height < bestTop; ++k) {
            if (bottom[k] < 0) continue;
            const int next = clearFrom(x + k, y, bottom[k], top[k]);
            if (next != y) y = next, moved = true;
          }
        }
        if (y + height < bestTop) bestTop = y + height, bestY = y, bestX = x, bestTurn = turn;
      }
    }
    if (bestTurn < 0) return std::numeric_limits<int>::max();
    c.turn = bestTurn;
    c.offset = glm::ivec2(bestX, bestY);
    const std::vector<int>& bottom = c.bottom[bestTurn];
    const std::vector<int>& top = c.top[bestTurn];
    for (std::size_t k = 0; k < top.size(); ++k) {
      if (bottom[k] < 0) continue;
      auto& col = columns[bestX + k];
      const std::pair<int, int> iv{bestY + bottom[k], bestY + top[k]};
      col.insert(std::lower_bound(col.begin(), col.end(), iv), iv);
      used = std::max(used, iv.second + 1);
    }
  }
  return used;
}

}  // namespace

TriangleAtlas layoutChartAtlas(const TexturedMesh& mesh, int textureSize, int threads) {
  const std::size_t nf = mesh.triangles.size();
  TriangleAtlas atlas;
  atlas.size = textureSize;
  atlas.cornerUVs.assign(3 * nf, glm::vec2(0.0f));
  if (nf == 0) return atlas;
  std::vector<Chart> charts = growCharts(mesh, 60.0f * 3.14159265f / 180.0f);
  double area = 0.0;
  for (const Chart& c : charts)
    area += static_cast<double>((c.max.x - c.min.x) * (c.max.y - c.min.y));
  std::vector<std::size_t> order(charts.size());
  for (std::size_t c = 0; c < order.size(); ++c) order[c] = c;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return charts[a].max.y - charts[a].min.y > charts[b].max.y - charts[b].min.y;
  });
  // The largest density at which every chart fits: grow from a safe start, then bisect.
  const int side = textureSize;
  auto fits = [&](float density) {
    parallelEach(charts.size(), threads, [&](std::size_t c) {  // (charts of uneven sizes)
      for (int turn = 0; turn < 4; ++turn) profile(mesh, charts[c], density, turn);
    });
    return pack(charts, order, side) <= side;
  };
  float lo = static_cast<float>(0.3 * side / std::sqrt(std::max(area, 1e-12)));
  while (!fits(lo) && lo > 1e-6f) lo *= 0.7f;
  float hi = lo * 2.0f;
  while (fits(hi)) lo = hi, hi *= 1.5f;
  for (int i = 0; i < 7; ++i) {
    const float mid = 0.5f * (lo + hi);
    (fits(mid) ? lo : hi) = mid;
  }
  fits(lo);
  for (const Chart& c : charts) {
    const Projection projection = turned(c, c.turn);
    for (std::uint32_t f : c.faces) {
      for (int k = 0; k < 3; ++k) {
        const glm::vec2 px =
            glm::vec2(c.offset) + projection.pixel(mesh.positions[mesh.triangles[f][k]], lo);
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
  auto index = [w](int x, int y) { return static_cast<std::size_t>(y) * w + x; };
  // Each ring fills the uncovered pixels beside covered ones: the first ring's are found by one
  // pass over the image, each later ring's among the neighbours of the pixels just filled.
  std::vector<std::size_t> front;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      if (covered[index(x, y)]) continue;
      bool beside = false;
      for (int dy = -1; dy <= 1 && !beside; ++dy)
        for (int dx = -1; dx <= 1 && !beside; ++dx) {
          const int nx = x + dx, ny = y + dy;
          beside = nx >= 0 && ny >= 0 && nx < w && ny < h && covered[index(nx, ny)];
        }
      if (beside) front.push_back(index(x, y));
    }
  for (int ring = 0; ring < rings && !front.empty(); ++ring) {
    // Colours first (from the pixels covered before this ring), then the ring counts as covered.
    std::vector<std::array<std::uint8_t, 4>> colour(front.size());
    for (std::size_t f = 0; f < front.size(); ++f) {
      const int x = static_cast<int>(front[f] % w), y = static_cast<int>(front[f] / w);
      int sum[4] = {0, 0, 0, 0}, count = 0;
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) {
          const int nx = x + dx, ny = y + dy;
          if ((dx == 0 && dy == 0) || nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
          const std::size_t j = index(nx, ny);
          if (!covered[j]) continue;
          for (int c = 0; c < 4; ++c) sum[c] += image.rgba[4 * j + c];
          ++count;
        }
      for (int c = 0; c < 4; ++c)
        colour[f][c] = static_cast<std::uint8_t>(count ? sum[c] / count : 0);
    }
    for (std::size_t f = 0; f < front.size(); ++f) {
      for (int c = 0; c < 4; ++c) image.rgba[4 * front[f] + c] = colour[f][c];
      covered[front[f]] = 1;
    }
    std::vector<std::size_t> next;
    for (std::size_t i : front) {
      const int x = static_cast<int>(i % w), y = static_cast<int>(i / w);
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) {
          const int nx = x + dx, ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
          const std::size_t j = index(nx, ny);
          if (!covered[j]) {
            covered[j] = 2;  // queued (not yet a source of colour)
            next.push_back(j);
          }
        }
    }
    for (std::size_t j : next) covered[j] = 0;
    front.swap(next);
  }
}

}  // namespace interp3d
