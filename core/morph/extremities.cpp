#include "morph/extremities.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <numeric>
#include <queue>
#include <utility>

#include <glm/geometric.hpp>

namespace interp3d {

namespace {

constexpr float kUnreached = std::numeric_limits<float>::infinity();

// Steps of the distance: every offset within two cells whose components share no factor (so no
// step is two of another), with its length. Two-cell steps bend the lattice's paths less than
// the 26 neighbours alone, whose distances run up to 8% long between their directions (a ball
// then has six false tips).
struct Step {
  glm::ivec3 offset;
  float length;
};
std::vector<Step> steps() {
  std::vector<Step> out;
  for (int z = -2; z <= 2; ++z)
    for (int y = -2; y <= 2; ++y)
      for (int x = -2; x <= 2; ++x) {
        const int g = std::gcd(std::gcd(std::abs(x), std::abs(y)), std::abs(z));
        if (g != 1) continue;
        out.push_back({{x, y, z}, std::sqrt(static_cast<float>(x * x + y * y + z * z))});
      }
  return out;
}

// Geodesic distance inside the solid (lattice points with a value below `level`) from lattice
// point `root`, in lattice cells; kUnreached outside and on other parts. A two-cell step needs its
// middle inside too.
std::vector<float> insideDistance(const ScalarGrid& sdf, std::size_t root, float level) {
  const GridSpec& spec = sdf.spec;
  const int n = spec.points();
  const std::vector<Step> moves = steps();
  std::vector<float> d(sdf.values.size(), kUnreached);
  using Item = std::pair<float, std::size_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<Item>> queue;
  d[root] = 0.0f;
  queue.push({0.0f, root});
  while (!queue.empty()) {
    const auto [dist, at] = queue.top();
    queue.pop();
    if (dist > d[at]) continue;
    const glm::ivec3 p = spec.point(at);
    for (const Step& m : moves) {
      const glm::ivec3 q = p + m.offset;
      if (q.x < 0 || q.y < 0 || q.z < 0 || q.x >= n || q.y >= n || q.z >= n) continue;
      const std::size_t next = spec.index(q.x, q.y, q.z);
      if (!(sdf.values[next] < level) || !(dist + m.length < d[next])) continue;
      if (m.length > 1.8f && !(sdf.sample(spec.position(p.x, p.y, p.z) +
                                          0.5f * spec.spacing * glm::vec3(m.offset)) < level))
        continue;
      d[next] = dist + m.length;
      queue.push({d[next], next});
    }
  }
  return d;
}

// The direction from the body's centre to tip `p`, each axis over the body's size (the box's when
// no body is given). The body's centre lies on a symmetric solid's plane of symmetry (the core
// need not: a ring's is on one side); a long tail stretches the box, not the body, so a fox's back
// feet sit at its body's back as a cow's do.
glm::vec3 direction(const glm::vec3& p, const Extremities& e) {
  const glm::vec3 body = e.body.size();
  const BoundingBox& box = body.x > 0.0f && body.y > 0.0f && body.z > 0.0f ? e.body : e.box;
  const glm::vec3 u = (p - box.center()) / glm::max(box.size(), glm::vec3(1e-6f));
  const float length = glm::length(u);
  return length > 1e-6f ? u / length : glm::vec3(0.0f);
}

constexpr double kNotAllowed = 1e9;

// The least-cost matching of `a` rows with `b` columns by `cost` (row-major, kNotAllowed where a
// pair may not match), each row and column matched once or left at `left` each (Hungarian
// method on the square problem with a stand-in row per column and column per row). Per row its
// column or -1; the total in `total`.
std::vector<int> leastCostMatching(const std::vector<double>& cost, std::size_t a, std::size_t b,
                                   double left, double& total) {
  const std::size_t n = a + b;
  auto at = [&](std::size_t i, std::size_t j) {  // rows: a real, b stand-ins; columns likewise
    if (i < a && j < b) return cost[i * b + j];
    if (i < a) return j - b == i ? left : kNotAllowed;
    if (j < b) return i - a == j ? left : kNotAllowed;
    return 0.0;
  };
  // e-maxx's O(n^3) form, 1-based with a 0 sentinel.
  std::vector<double> u(n + 1, 0.0), v(n + 1, 0.0);
  std::vector<std::size_t> p(n + 1, 0), way(n + 1, 0);
  for (std::size_t i = 1; i <= n; ++i) {
    p[0] = i;
    std::size_t j0 = 0;
    std::vector<double> minv(n + 1, std::numeric_limits<double>::infinity());
    std::vector<std::uint8_t> used(n + 1, 0);
    do {
      used[j0] = 1;
      const std::size_t i0 = p[j0];
      double delta = std::numeric_limits<double>::infinity();
      std::size_t j1 = 0;
      for (std::size_t j = 1; j <= n; ++j) {
        if (used[j]) continue;
        const double cur = at(i0 - 1, j - 1) - u[i0] - v[j];
        if (cur < minv[j]) minv[j] = cur, way[j] = j0;
        if (minv[j] < delta) delta = minv[j], j1 = j;
      }
      for (std::size_t j = 0; j <= n; ++j)
        if (used[j])
          u[p[j]] += delta, v[j] -= delta;
        else
          minv[j] -= delta;
      j0 = j1;
    } while (p[j0] != 0);
    do {
      const std::size_t j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0);
  }
  std::vector<int> row(a, -1);
  total = 0.0;
  for (std::size_t j = 1; j <= n; ++j) {
    total += at(p[j] - 1, j - 1);
    if (p[j] - 1 < a && j - 1 < b) row[p[j] - 1] = static_cast<int>(j - 1);
  }
  return row;
}

}  // namespace

Extremities findExtremities(const ScalarGrid& fine, const ExtremityOptions& options) {
  Extremities out;
  if (fine.values.empty()) return out;
  // On a lattice of about 64 cells across (and the margin): a tip stands out by a part's length,
  // which finer cells do not change, and the search's time and memory grow with the cube of the
  // cells.
  const int factor = std::max(1, static_cast<int>(std::lround(fine.spec.cells / 64.0)));
  const ScalarGrid coarse = factor > 1 ? coarsened(fine, factor) : ScalarGrid();
  const ScalarGrid& sdf = factor > 1 ? coarse : fine;
  const GridSpec& spec = sdf.spec;
  const int n = spec.points();
  auto position = [&](std::size_t v) {
    const glm::ivec3 p = spec.point(v);
    return spec.position(p.x, p.y, p.z);
  };
  // The core: of the points at least half as deep as the deepest, the one nearest the middle of
  // the solid's volume (the deepest alone may sit at one end of a long body).
  const float deepest = *std::min_element(sdf.values.begin(), sdf.values.end());
  if (!(deepest < 0.0f)) return out;
  glm::dvec3 middle(0.0);
  std::size_t inside = 0;
  for (std::size_t v = 0; v < sdf.values.size(); ++v)
    if (sdf.values[v] < 0.0f) middle += glm::dvec3(position(v)), ++inside;
  middle /= static_cast<double>(inside);
  std::size_t root = 0;
  float nearest = std::numeric_limits<float>::max();
  for (std::size_t v = 0; v < sdf.values.size(); ++v) {
    if (!(sdf.values[v] <= 0.5f * deepest)) continue;
    const float distance = glm::distance(position(v), glm::vec3(middle));
    if (distance < nearest) nearest = distance, root = v;
  }
  out.core = position(root);
  const std::vector<float> d = insideDistance(sdf, root, options.thicken * spec.spacing);
  // The box of the part reached, and its body: the points at least options.bodyDepth as deep as
  // the deepest.
  float farthest = 0.0f;
  const glm::vec3 most(std::numeric_limits<float>::max());
  glm::vec3 lo = most, hi = -most, bodyLo = most, bodyHi = -most;
  for (std::size_t v = 0; v < d.size(); ++v) {
    if (d[v] == kUnreached) continue;
    farthest = std::max(farthest, d[v]);
    const glm::vec3 p = position(v);
    lo = glm::min(lo, p);
    hi = glm::max(hi, p);
    if (sdf.values[v] <= options.bodyDepth * deepest) {
      bodyLo = glm::min(bodyLo, p);
      bodyHi = glm::max(bodyHi, p);
    }
  }
  out.box = {lo, hi};
  out.body = {bodyLo, bodyHi};
  if (farthest <= 0.0f) return out;

  // Tips: the peaks of the distance that stand out (persistence, on the merge tree of its
  // superlevel sets): taking the points from the farthest down, a point that touches no part
  // taken before starts a part with itself as its peak; where parts meet, the one with the lower
  // peak ends, and its peak stood out by its distance less the meeting point's. A foot stands out
  // by its leg's length, a bump on the body by a cell or two.
  std::vector<std::size_t> order;
  for (std::size_t v = 0; v < d.size(); ++v)
    if (d[v] != kUnreached) order.push_back(v);
  std::sort(order.begin(), order.end(),
            [&](std::size_t x, std::size_t y) { return d[x] > d[y] || (d[x] == d[y] && x < y); });
  constexpr std::size_t kNotTaken = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> parent(d.size(), kNotTaken);  // union-find over the points taken
  std::vector<std::size_t> peakOf(d.size(), kNotTaken);  // a part's root -> its peak
  auto partOf = [&](std::size_t v) {
    std::size_t r = v;
    while (parent[r] != r) r = parent[r];
    while (parent[v] != r) {
      const std::size_t next = parent[v];
      parent[v] = r;
      v = next;
    }
    return r;
  };
  std::vector<std::pair<float, std::size_t>>
      peaks;  // (distance, point) of the peaks that stand out
  const float standOut = options.persistence / spec.spacing;
  for (const std::size_t v : order) {
    parent[v] = v;
    peakOf[v] = v;
    const glm::ivec3 at = spec.point(v);
    const int i = at.x, j = at.y, k = at.z;
    for (int dk = -1; dk <= 1; ++dk)
      for (int dj = -1; dj <= 1; ++dj)
        for (int di = -1; di <= 1; ++di) {
          const int x = i + di, y = j + dj, z = k + dk;
          if ((di | dj | dk) == 0 || x < 0 || y < 0 || z < 0 || x >= n || y >= n || z >= n)
            continue;
          const std::size_t w = spec.index(x, y, z);
          if (parent[w] == kNotTaken) continue;
          const std::size_t a = partOf(v), b = partOf(w);
          if (a == b) continue;
          // The part with the higher peak goes on; the other's peak is measured.
          const std::size_t pa = peakOf[a], pb = peakOf[b];
          const bool aHigher = d[pa] > d[pb] || (d[pa] == d[pb] && pa < pb);
          const std::size_t lower = aHigher ? pb : pa;
          if (d[lower] - d[v] >= standOut) peaks.push_back({d[lower], lower});
          parent[aHigher ? b : a] = aHigher ? a : b;
        }
  }
  // The farthest point stands out of everything, but is a tip only beside another: a ball's or a
  // box's farthest point is anywhere on it.
  if (!peaks.empty()) peaks.push_back({farthest, order.front()});
  std::sort(peaks.begin(), peaks.end(), std::greater<>());
  for (const auto& [dist, v] : peaks) {
    if (dist < options.minReach * farthest) break;
    out.tips.push_back({position(v), dist / farthest});
    if (static_cast<int>(out.tips.size()) >= options.most) break;
  }
  return out;
}

int mirrorImage(const Extremities& e, std::size_t tip, int axis, const ExtremityOptions& options) {
  glm::vec3 mirrored = direction(e.tips[tip].position, e);
  mirrored[axis] = -mirrored[axis];
  for (std::size_t k = 0; k < e.tips.size(); ++k)
    if (k != tip &&
        glm::distance(direction(e.tips[k].position, e), mirrored) < options.mirrorTolerance)
      return static_cast<int>(k);
  return -1;
}

int mirrorAxis(const Extremities& source, const Extremities& target,
               const ExtremityOptions& options) {
  auto images = [&](int axis) {
    int count = 0;
    for (const Extremities* e : {&source, &target})
      for (std::size_t t = 0; t < e->tips.size(); ++t)
        count += mirrorImage(*e, t, axis, options) >= 0;
    return count;
  };
  return images(2) > images(0) ? 2 : 0;
}

std::vector<ExtremityMatch> matchExtremities(const Extremities& source, const Extremities& target,
                                             const ExtremityOptions& options) {
  const std::size_t a = source.tips.size(), b = target.tips.size();
  std::vector<float> cost(a * b);
  for (std::size_t i = 0; i < a; ++i)
    for (std::size_t j = 0; j < b; ++j) {
      const Extremity &s = source.tips[i], &t = target.tips[j];
      cost[i * b + j] =
          glm::distance(direction(s.position, source), direction(t.position, target)) +
          options.reachWeight * std::fabs(s.reach - t.reach);
    }
  // The matching of least total cost: a tip left unmatched costs maxCost, a pair over maxCost may
  // not match, nor may (fi, fj) (none when fi = a).
  auto best = [&](std::size_t fi, std::size_t fj, double& total) {
    std::vector<double> c(a * b);
    for (std::size_t i = 0; i < a; ++i)
      for (std::size_t j = 0; j < b; ++j)
        c[i * b + j] = (i == fi && j == fj) || cost[i * b + j] > options.maxCost ? kNotAllowed
                                                                                 : cost[i * b + j];
    return leastCostMatching(c, a, b, options.maxCost, total);
  };
  double optimum = 0.0;
  const std::vector<int> chosen = best(a, b, optimum);
  std::vector<ExtremityMatch> out;
  for (std::size_t i = 0; i < a; ++i) {
    if (chosen[i] < 0) continue;
    const std::size_t j = static_cast<std::size_t>(chosen[i]);
    const float c = cost[i * b + j];
    // Clear when every matching without the pair costs more by (ambiguity - 1) times its cost:
    // a second candidate as near, whose own partner has no better use, makes it unclear.
    double without = 0.0;
    best(i, j, without);
    if (without - optimum >= (options.ambiguity - 1.0f) * c)
      out.push_back({static_cast<int>(i), chosen[i], c});
  }
  // One side of a mirror pair alone would pull the morph lopsided: a match where either tip has a
  // mirror image among its solid's tips, across the plane of symmetry (mirrorAxis), stands only
  // when both have one and the two images are matched. (Across the other axis an animal's front
  // legs mirror its back legs only by chance.)
  auto matched = [&](int i, int j) {
    return std::any_of(out.begin(), out.end(),
                       [&](const ExtremityMatch& m) { return m.source == i && m.target == j; });
  };
  const int axis = mirrorAxis(source, target, options);
  std::vector<ExtremityMatch> kept;
  for (const ExtremityMatch& m : out) {
    const int i = mirrorImage(source, m.source, axis, options);
    const int j = mirrorImage(target, m.target, axis, options);
    if ((i < 0 && j < 0) || (i >= 0 && j >= 0 && matched(i, j))) kept.push_back(m);
  }
  return kept;
}

}  // namespace interp3d
