#include "morph/landing_repair.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <queue>
#include <unordered_map>

#include <Eigen/Sparse>
#include <Eigen/SparseCholesky>
#include <glm/geometric.hpp>
#include <glm/vec2.hpp>

#include "geometry/surface_sampling.h"
#include "util/error.h"

namespace interp3d {

namespace {

using Edge = std::pair<std::uint32_t, std::uint32_t>;

constexpr double kTwoPi = 6.283185307179586;

Edge undirected(std::uint32_t a, std::uint32_t b) {
  return std::minmax(a, b);
}

// Per triangle, its neighbours across each edge (none: UINT32_MAX; an edge of more than two
// triangles joins none of them).
std::vector<std::array<std::uint32_t, 3>> triangleNeighbours(const std::vector<glm::uvec3>& tris) {
  std::map<Edge, std::vector<std::uint32_t>> byEdge;
  for (std::uint32_t f = 0; f < tris.size(); ++f)
    for (int k = 0; k < 3; ++k) byEdge[undirected(tris[f][k], tris[f][(k + 1) % 3])].push_back(f);
  std::vector<std::array<std::uint32_t, 3>> out(tris.size(), {UINT32_MAX, UINT32_MAX, UINT32_MAX});
  for (std::uint32_t f = 0; f < tris.size(); ++f)
    for (int k = 0; k < 3; ++k) {
      const std::vector<std::uint32_t>& faces =
          byEdge[undirected(tris[f][k], tris[f][(k + 1) % 3])];
      if (faces.size() == 2) out[f][k] = faces[0] == f ? faces[1] : faces[0];
    }
  return out;
}

// The boundary of a set of triangles as one loop, in the direction the triangles wind (their
// inside on its left); empty unless the boundary is exactly one simple loop.
std::vector<std::uint32_t> boundaryLoop(const std::vector<glm::uvec3>& tris,
                                        const std::vector<std::uint32_t>& faces) {
  std::map<Edge, int> uses;
  for (std::uint32_t f : faces)
    for (int k = 0; k < 3; ++k) ++uses[undirected(tris[f][k], tris[f][(k + 1) % 3])];
  std::unordered_map<std::uint32_t, std::uint32_t> next;
  for (std::uint32_t f : faces)
    for (int k = 0; k < 3; ++k) {
      const std::uint32_t a = tris[f][k], b = tris[f][(k + 1) % 3];
      if (uses[undirected(a, b)] != 1) continue;
      if (!next.emplace(a, b).second) return {};  // a vertex where the boundary touches itself
    }
  if (next.empty()) return {};
  std::vector<std::uint32_t> loop{next.begin()->first};
  while (loop.size() <= next.size()) {
    const auto it = next.find(loop.back());
    if (it == next.end()) return {};
    if (it->second == loop.front()) break;
    loop.push_back(it->second);
  }
  return loop.size() == next.size() ? loop : std::vector<std::uint32_t>{};
}

// Whether `faces` (with one boundary loop) is a disk: V - E + F = 1.
bool isDisk(const std::vector<glm::uvec3>& tris, const std::vector<std::uint32_t>& faces) {
  std::vector<std::uint32_t> vertices;
  std::vector<Edge> edges;
  for (std::uint32_t f : faces)
    for (int k = 0; k < 3; ++k) {
      vertices.push_back(tris[f][k]);
      edges.push_back(undirected(tris[f][k], tris[f][(k + 1) % 3]));
    }
  std::sort(vertices.begin(), vertices.end());
  std::sort(edges.begin(), edges.end());
  const auto v = std::unique(vertices.begin(), vertices.end()) - vertices.begin();
  const auto e = std::unique(edges.begin(), edges.end()) - edges.begin();
  return v - e + static_cast<std::ptrdiff_t>(faces.size()) == 1;
}

// Tutte's embedding of a disk of triangles in the plane: its boundary `loop` at `boundary` (a
// convex polygon, counter-clockwise), every inner vertex at the mean of its neighbours. Returns
// each vertex's place (keyed by vertex).
std::unordered_map<std::uint32_t, glm::dvec2> tutte(const std::vector<glm::uvec3>& tris,
                                                    const std::vector<std::uint32_t>& faces,
                                                    const std::vector<std::uint32_t>& loop,
                                                    const std::vector<glm::dvec2>& boundary) {
  std::unordered_map<std::uint32_t, glm::dvec2> place;
  for (std::size_t i = 0; i < loop.size(); ++i) place[loop[i]] = boundary[i];
  std::unordered_map<std::uint32_t, int> inner;  // vertex -> unknown's index
  std::map<Edge, bool> edges;
  for (std::uint32_t f : faces)
    for (int k = 0; k < 3; ++k) {
      const std::uint32_t a = tris[f][k];
      if (!place.count(a) && !inner.count(a)) inner.emplace(a, static_cast<int>(inner.size()));
      edges[undirected(a, tris[f][(k + 1) % 3])] = true;
    }
  if (inner.empty()) return place;
  const int n = static_cast<int>(inner.size());
  std::vector<Eigen::Triplet<double>> entries;
  Eigen::MatrixX2d rhs = Eigen::MatrixX2d::Zero(n, 2);
  for (const auto& [edge, unused] : edges) {
    const std::uint32_t ends[2] = {edge.first, edge.second};
    for (int side = 0; side < 2; ++side) {
      const auto me = inner.find(ends[side]);
      if (me == inner.end()) continue;
      entries.emplace_back(me->second, me->second, 1.0);
      const std::uint32_t other = ends[1 - side];
      if (const auto o = inner.find(other); o != inner.end()) {
        entries.emplace_back(me->second, o->second, -1.0);
      } else {
        const glm::dvec2 q = place.at(other);
        rhs(me->second, 0) += q.x;
        rhs(me->second, 1) += q.y;
      }
    }
  }
  Eigen::SparseMatrix<double> system(n, n);
  system.setFromTriplets(entries.begin(), entries.end());
  Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>> solver(system);
  if (solver.info() != Eigen::Success) return {};
  const Eigen::MatrixX2d x = solver.solve(rhs);
  if (!x.allFinite()) return {};
  for (const auto& [vertex, index] : inner) place[vertex] = glm::dvec2(x(index, 0), x(index, 1));
  return place;
}

// The target's vertices joined by its edges, each with its length.
struct TargetGraph {
  std::vector<std::vector<std::pair<std::uint32_t, double>>> edges;
  explicit TargetGraph(const TexturedMesh& t) : edges(t.positions.size()) {
    std::map<Edge, bool> seen;
    for (const glm::uvec3& f : t.triangles)
      for (int k = 0; k < 3; ++k) {
        const Edge e = undirected(f[k], f[(k + 1) % 3]);
        if (!seen.emplace(e, true).second) continue;
        const double len = glm::distance(t.positions[e.first], t.positions[e.second]);
        edges[e.first].emplace_back(e.second, len);
        edges[e.second].emplace_back(e.first, len);
      }
  }
  // The shortest path from a to b (both included), or empty.
  std::vector<std::uint32_t> path(std::uint32_t a, std::uint32_t b) const {
    if (a == b) return {a};
    std::unordered_map<std::uint32_t, double> dist{{a, 0.0}};
    std::unordered_map<std::uint32_t, std::uint32_t> from;
    using Item = std::pair<double, std::uint32_t>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> open;
    open.emplace(0.0, a);
    while (!open.empty()) {
      const auto [d, v] = open.top();
      open.pop();
      if (v == b) break;
      if (d > dist[v]) continue;
      if (from.size() > 20000) return {};  // far apart: not a region's boundary
      for (const auto& [w, len] : edges[v]) {
        const auto it = dist.find(w);
        if (it != dist.end() && it->second <= d + len) continue;
        dist[w] = d + len;
        from[w] = v;
        open.emplace(d + len, w);
      }
    }
    if (!from.count(b)) return {};
    std::vector<std::uint32_t> p{b};
    while (p.back() != a) p.push_back(from.at(p.back()));
    std::reverse(p.begin(), p.end());
    return p;
  }
};

// Finds the triangle of a flat triangulation containing a point (a grid of buckets).
class PointLocator {
 public:
  PointLocator(const std::vector<glm::uvec3>& tris, const std::vector<std::uint32_t>& faces,
               const std::unordered_map<std::uint32_t, glm::dvec2>& place)
      : tris_(tris), faces_(faces), place_(place) {
    side_ = std::max(1, static_cast<int>(std::sqrt(static_cast<double>(faces.size()))));
    buckets_.resize(static_cast<std::size_t>(side_) * side_);
    for (std::uint32_t i = 0; i < faces.size(); ++i) {
      glm::dvec2 lo(1e9), hi(-1e9);
      for (int k = 0; k < 3; ++k) {
        lo = glm::min(lo, place.at(tris[faces[i]][k]));
        hi = glm::max(hi, place.at(tris[faces[i]][k]));
      }
      const glm::ivec2 a = cell(lo), b = cell(hi);
      for (int y = a.y; y <= b.y; ++y)
        for (int x = a.x; x <= b.x; ++x) buckets_[y * side_ + x].push_back(i);
    }
  }
  // The face (index into `faces`) and barycentric weights of `p`: the nearest face if none holds
  // it.
  bool locate(const glm::dvec2& p, std::uint32_t& face, glm::dvec3& weights) const {
    double best = -1e30;
    // A face that holds `p` more nearly than the best so far (its smallest weight is larger).
    auto consider = [&](std::uint32_t i) {
      const glm::uvec3 t = tris_[faces_[i]];
      const glm::dvec2 a = place_.at(t.x), b = place_.at(t.y), d = place_.at(t.z);
      const double area = (b.x - a.x) * (d.y - a.y) - (d.x - a.x) * (b.y - a.y);
      if (std::fabs(area) < 1e-300) return;
      const double w1 = ((p.x - a.x) * (d.y - a.y) - (d.x - a.x) * (p.y - a.y)) / area;
      const double w2 = ((b.x - a.x) * (p.y - a.y) - (p.x - a.x) * (b.y - a.y)) / area;
      const double w0 = 1.0 - w1 - w2;
      if (std::min({w0, w1, w2}) > best) {
        best = std::min({w0, w1, w2});
        face = i;
        weights = glm::dvec3(w0, w1, w2);
      }
    };
    const glm::ivec2 c = cell(p);
    for (std::uint32_t i : buckets_[c.y * side_ + c.x]) consider(i);
    if (best < -1e29)  // an empty bucket near the disk's rim: every face
      for (std::uint32_t i = 0; i < faces_.size(); ++i) consider(i);
    if (best < -1e29) return false;
    if (best < 0.0) {  // just outside every face of its bucket: onto the nearest, clamped
      weights = glm::max(weights, glm::dvec3(0.0));
      weights /= weights.x + weights.y + weights.z;
    }
    return true;
  }

 private:
  glm::ivec2 cell(const glm::dvec2& p) const {
    const glm::dvec2 u = (p + 1.0) * 0.5 * static_cast<double>(side_);
    return glm::clamp(glm::ivec2(glm::floor(u)), glm::ivec2(0), glm::ivec2(side_ - 1));
  }
  const std::vector<glm::uvec3>& tris_;
  const std::vector<std::uint32_t>& faces_;
  const std::unordered_map<std::uint32_t, glm::dvec2>& place_;
  int side_ = 1;
  std::vector<std::vector<std::uint32_t>> buckets_;
};

// A closed path made simple: where it comes back to a vertex, the shorter of its two ways round
// between the visits is cut out (a spike where corners went back and forth, or a small side loop).
// `marks` (indices into the path, non-decreasing) are moved along to where their vertices went.
void simplifyLoop(std::vector<std::uint32_t>& path, std::vector<std::size_t>& marks) {
  for (bool again = true; again && path.size() >= 3;) {
    again = false;
    std::unordered_map<std::uint32_t, std::size_t> first;
    for (std::size_t j = 0; j < path.size() && !again; ++j) {
      const auto [it, fresh] = first.emplace(path[j], j);
      if (fresh) continue;
      const std::size_t i = it->second, n = path.size();
      if (j - i <= n - (j - i)) {  // drop path[i+1 .. j]
        path.erase(path.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                   path.begin() + static_cast<std::ptrdiff_t>(j) + 1);
        for (std::size_t& m : marks) m = m <= i ? m : m <= j ? i : m - (j - i);
      } else {  // keep path[i .. j-1] only
        path = std::vector<std::uint32_t>(path.begin() + static_cast<std::ptrdiff_t>(i),
                                          path.begin() + static_cast<std::ptrdiff_t>(j));
        for (std::size_t& m : marks) m = m < i ? 0 : m >= j ? 0 : m - i;
        // the marks before i and from j on now sit at the start: keep them non-decreasing
        std::size_t lowest = 0;
        for (std::size_t& m : marks) lowest = m = std::max(m, lowest);
      }
      again = true;
    }
  }
}

// The angle of each loop position by its share of the loop's length, from 0.
std::vector<double> arcAngles(const std::vector<glm::vec3>& points) {
  std::vector<double> at(points.size(), 0.0);
  double total = 0.0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    at[i] = total;
    total += glm::distance(points[i], points[(i + 1) % points.size()]);
  }
  for (double& a : at) a = total > 0.0 ? kTwoPi * a / total : kTwoPi * (&a - at.data()) / at.size();
  return at;
}

// Whether `p` lies inside the convex polygon `polygon` (counter-clockwise), at least `margin` from
// each of its edges' lines.
bool insideBy(const std::vector<glm::dvec2>& polygon, glm::dvec2 p, double margin) {
  for (std::size_t i = 0; i < polygon.size(); ++i) {
    const glm::dvec2 a = polygon[i], e = polygon[(i + 1) % polygon.size()] - a;
    const double length = glm::length(e);
    if (length > 0.0 && (e.x * (p.y - a.y) - e.y * (p.x - a.x)) / length < margin) return false;
  }
  return true;
}

// The convex polygon `polygon` (counter-clockwise) mapped onto itself so that `from` goes to `to`,
// both strictly inside it: the point x = from + t (e - from), with e where the ray from `from`
// through x leaves the polygon, goes to to + t (e - to). The boundary stays; the map cannot fold
// (sampled at a mesh's vertices, a triangle it moves far can).
glm::dvec2 warpPolygon(const std::vector<glm::dvec2>& polygon, glm::dvec2 from, glm::dvec2 to,
                       glm::dvec2 x) {
  const glm::dvec2 d = x - from;
  const double length = glm::length(d);
  if (length < 1e-15) return to;
  const glm::dvec2 u = d / length;
  double exit = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < polygon.size(); ++i) {
    const glm::dvec2 a = polygon[i], e = polygon[(i + 1) % polygon.size()] - a;
    const double den = u.x * e.y - u.y * e.x;  // from + s u = a + r e
    if (std::abs(den) < 1e-300) continue;
    const glm::dvec2 w = a - from;
    const double s = (w.x * e.y - w.y * e.x) / den, r = (w.x * u.y - w.y * u.x) / den;
    if (s > 1e-9 && r >= -1e-12 && r <= 1.0 + 1e-12) exit = std::min(exit, s);
  }
  if (!std::isfinite(exit)) return x;
  const glm::dvec2 end = from + exit * u;
  const double t = std::min(1.0, length / exit);
  return to + t * (end - to);
}

}  // namespace

RelandReport relandBadRegions(const TexturedMesh& base, std::vector<glm::vec3>& landed,
                              const std::vector<std::uint8_t>& bad,
                              const std::vector<HeldPoint>& held, const TexturedMesh& target,
                              const SurfaceQuery& targetQuery, int rings,
                              const Progress& progress) {
  RelandReport report;
  const std::vector<glm::uvec3>& tris = base.triangles;
  const std::size_t nv = base.positions.size();
  // The bad triangles' vertices and `rings` rings around them.
  std::vector<std::vector<std::uint32_t>> around(nv);
  for (const glm::uvec3& t : tris)
    for (int k = 0; k < 3; ++k) {
      around[t[k]].push_back(t[(k + 1) % 3]);
      around[t[k]].push_back(t[(k + 2) % 3]);
    }
  std::vector<std::uint8_t> in(nv, 0);
  for (std::size_t f = 0; f < tris.size(); ++f)
    if (bad[f])
      for (int k = 0; k < 3; ++k) in[tris[f][k]] = 1;
  for (int r = 0; r < rings; ++r) {
    const std::vector<std::uint8_t> was = in;
    for (std::size_t v = 0; v < nv; ++v)
      if (was[v])
        for (std::uint32_t w : around[v]) in[w] = 1;
  }
  std::vector<std::uint8_t> chosen(tris.size(), 0);
  for (std::size_t f = 0; f < tris.size(); ++f)
    chosen[f] = in[tris[f].x] && in[tris[f].y] && in[tris[f].z];
  const auto neighbours = triangleNeighbours(tris);
  auto components = [&](const std::vector<std::uint8_t>& of) {
    std::vector<std::vector<std::uint32_t>> out;
    std::vector<std::uint8_t> seen(tris.size(), 0);
    for (std::uint32_t f = 0; f < tris.size(); ++f) {
      if (!of[f] || seen[f]) continue;
      out.emplace_back();
      std::vector<std::uint32_t> stack{f};
      seen[f] = 1;
      while (!stack.empty()) {
        const std::uint32_t g = stack.back();
        stack.pop_back();
        out.back().push_back(g);
        for (std::uint32_t h : neighbours[g])
          if (h != UINT32_MAX && of[h] && !seen[h]) {
            seen[h] = 1;
            stack.push_back(h);
          }
      }
    }
    return out;
  };
  // Regions: connected chosen triangles, with the islands they enclose: within a part of the
  // mesh that has chosen triangles, every unchosen piece but the part's largest, unless it
  // reaches the mesh's border (a separate part, or an open part's rim, is never taken in).
  {
    std::vector<std::uint32_t> part(tris.size(), 0);
    const auto parts = components(std::vector<std::uint8_t>(tris.size(), 1));
    for (std::uint32_t p = 0; p < parts.size(); ++p)
      for (std::uint32_t f : parts[p]) part[f] = p;
    std::vector<std::uint8_t> rest(tris.size()), partChosen(parts.size(), 0);
    for (std::size_t f = 0; f < tris.size(); ++f) {
      rest[f] = !chosen[f];
      if (chosen[f]) partChosen[part[f]] = 1;
    }
    std::vector<std::vector<std::uint32_t>> islands = components(rest);
    std::vector<std::size_t> largest(parts.size(), 0);
    for (const auto& island : islands)
      largest[part[island[0]]] = std::max(largest[part[island[0]]], island.size());
    std::vector<std::uint8_t> keptLargest(parts.size(), 0);
    for (const auto& island : islands) {
      const std::uint32_t p = part[island[0]];
      if (!partChosen[p]) continue;
      if (island.size() == largest[p] && !keptLargest[p]) {
        keptLargest[p] = 1;
        continue;
      }
      bool rim = false;
      for (std::uint32_t f : island)
        for (std::uint32_t h : neighbours[f]) rim = rim || h == UINT32_MAX;
      if (!rim)
        for (std::uint32_t f : island) chosen[f] = 1;
    }
  }
  const TargetGraph graph(target);
  const auto targetNeighbours = triangleNeighbours(target.triangles);
  auto key = [](std::uint32_t a, std::uint32_t b) { return (std::uint64_t(a) << 32) | b; };
  std::unordered_map<std::uint64_t, std::uint32_t> faceOfEdge;  // directed edge -> its triangle
  for (std::uint32_t f = 0; f < target.triangles.size(); ++f)
    for (int k = 0; k < 3; ++k)
      faceOfEdge.emplace(key(target.triangles[f][k], target.triangles[f][(k + 1) % 3]), f);
  const double targetArea = surfaceArea(target);
  const float targetSize = boundingBox(target.positions).diagonal();
  // Where each held point's target lies on the target (the patches are looked up in it).
  const std::vector<SurfacePoint> heldOn = [&] {
    std::vector<glm::vec3> targets;
    for (const HeldPoint& h : held) targets.push_back(h.target);
    return targetQuery.closest(targets);
  }();
  for (const HeldPoint& h : held)
    INTERP3D_CHECK(h.triangle.x < nv && h.triangle.y < nv && h.triangle.z < nv,
                   "a held point's triangle refers to a vertex the mesh does not have");
  std::vector<std::uint8_t> inPatch(target.triangles.size(), 0), onLoop(nv, 0), inside(nv, 0);
  for (const std::vector<std::uint32_t>& region : components(chosen)) {
    progress.check();
    ++report.regions;
    std::vector<std::uint32_t> loop = boundaryLoop(tris, region);
    if (loop.size() < 3 || !isDisk(tris, region)) continue;
    // The held points the region moves (a corner of theirs inside it). Those whose triangle lies
    // in the region and whose inside corners carry at least half their weight are warped to their
    // targets; every one of them is checked where it lands (below).
    for (std::uint32_t f : region)
      for (int k = 0; k < 3; ++k) inside[tris[f][k]] = 2;
    for (std::uint32_t v : loop) inside[v] = 1;  // 2: inside, 1: on the boundary
    std::vector<std::size_t> moving, holds;
    for (std::size_t h = 0; h < held.size(); ++h) {
      double weight = 0.0;
      bool within = true;
      for (int k = 0; k < 3; ++k) {
        weight += inside[held[h].triangle[k]] == 2 ? held[h].weights[k] : 0.0f;
        within = within && inside[held[h].triangle[k]] > 0;
      }
      if (weight > 0.0) moving.push_back(h);
      if (within && weight >= 0.5) holds.push_back(h);
    }
    for (std::uint32_t f : region)
      for (int k = 0; k < 3; ++k) inside[tris[f][k]] = 0;
    // The boundary on the target: each vertex's nearest target vertex (its corner), the corners
    // joined by shortest paths.
    std::vector<glm::vec3> loopPoints;
    for (std::uint32_t v : loop) loopPoints.push_back(landed[v]);
    const std::vector<SurfacePoint> on = targetQuery.closest(loopPoints);
    std::vector<std::uint32_t> corner(loop.size());
    for (std::size_t i = 0; i < loop.size(); ++i) {
      const glm::uvec3 t = target.triangles[on[i].triangle];
      std::uint32_t best = t.x;
      for (int k = 1; k < 3; ++k)
        if (glm::distance(target.positions[t[k]], loopPoints[i]) <
            glm::distance(target.positions[best], loopPoints[i]))
          best = t[k];
      corner[i] = best;
    }
    // The loop starts where a corner does (boundary vertices sharing a corner are consecutive).
    std::size_t first = 0;
    while (first < loop.size() && corner[first] == corner[(first + loop.size() - 1) % loop.size()])
      ++first;
    if (first == loop.size()) continue;  // the whole boundary at one target vertex
    std::rotate(loop.begin(), loop.begin() + static_cast<std::ptrdiff_t>(first), loop.end());
    std::rotate(corner.begin(), corner.begin() + static_cast<std::ptrdiff_t>(first), corner.end());
    std::vector<std::uint32_t> path;                 // the target's loop
    std::vector<std::size_t> startsAt(loop.size());  // where each boundary vertex's corner is
    bool ok = true;
    for (std::size_t i = 0; i < loop.size(); ++i) {
      const std::vector<std::uint32_t> piece = graph.path(corner[i], corner[(i + 1) % loop.size()]);
      if (piece.empty()) {
        ok = false;
        break;
      }
      startsAt[i] = path.size();
      path.insert(path.end(), piece.begin(), piece.end() - 1);
    }
    if (!ok) continue;
    simplifyLoop(path, startsAt);
    if (path.size() < 3) continue;
    // The patch: the target's triangles on the left of the loop, up to it.
    std::unordered_map<std::uint64_t, bool> cut;
    std::vector<std::uint32_t> patch, stack;
    for (std::size_t i = 0; i < path.size(); ++i) {
      const std::uint32_t a = path[i], b = path[(i + 1) % path.size()];
      cut[key(std::min(a, b), std::max(a, b))] = true;
      const auto seed = faceOfEdge.find(key(a, b));
      if (seed != faceOfEdge.end() && !inPatch[seed->second]) {
        inPatch[seed->second] = 1;
        stack.push_back(seed->second);
      }
    }
    double patchArea = 0.0;
    while (!stack.empty() && patchArea <= targetArea / 3.0) {
      const std::uint32_t f = stack.back();
      stack.pop_back();
      patch.push_back(f);
      const glm::uvec3 t = target.triangles[f];
      patchArea += 0.5 * glm::length(glm::cross(target.positions[t.y] - target.positions[t.x],
                                                target.positions[t.z] - target.positions[t.x]));
      for (int k = 0; k < 3; ++k) {
        const std::uint32_t g = targetNeighbours[f][k];
        const std::uint32_t a = t[k], b = t[(k + 1) % 3];
        if (g == UINT32_MAX || inPatch[g] || cut.count(key(std::min(a, b), std::max(a, b))))
          continue;
        inPatch[g] = 1;
        stack.push_back(g);
      }
    }
    for (std::uint32_t f : patch) inPatch[f] = 0;
    for (std::uint32_t f : stack) inPatch[f] = 0;
    if (patchArea > targetArea / 3.0 || !isDisk(target.triangles, patch)) continue;
    {  // bounded by the path, and by nothing else
      std::vector<std::uint32_t> rim = boundaryLoop(target.triangles, patch), along = path;
      std::sort(rim.begin(), rim.end());
      std::sort(along.begin(), along.end());
      if (rim != along) continue;
    }
    // The patch flat in the unit disk, its boundary on the circle by arc length.
    std::vector<glm::vec3> pathPoints;
    for (std::uint32_t v : path) pathPoints.push_back(target.positions[v]);
    std::vector<glm::dvec2> rimPlace;
    for (double a : arcAngles(pathPoints)) rimPlace.emplace_back(std::cos(a), std::sin(a));
    const auto patchPlace = tutte(target.triangles, patch, path, rimPlace);
    if (patchPlace.empty()) continue;
    // The region flat inside the same polygon: a boundary vertex at its corner's place, and
    // boundary vertices sharing a corner spread evenly along the polygon to the next corner. They
    // keep their places on the target (moved onto the traced path, the boundary zigzagged along
    // a coarse target's edges and folded the ring outside it).
    std::vector<glm::dvec2> loopPlace(loop.size());
    for (std::size_t i = 0; i < loop.size();) {
      std::size_t j = i + 1;
      while (j < loop.size() && startsAt[j] == startsAt[i]) ++j;
      const std::size_t from = startsAt[i], to = j < loop.size() ? startsAt[j] : path.size();
      std::vector<double> along{0.0};  // the polygon's length from the corner on
      for (std::size_t q = from; q < to; ++q)
        along.push_back(along.back() + glm::distance(rimPlace[q], rimPlace[(q + 1) % path.size()]));
      for (std::size_t k = i; k < j; ++k) {
        const double at = along.back() * static_cast<double>(k - i) / static_cast<double>(j - i);
        std::size_t q = 0;
        while (q + 2 < along.size() && along[q + 1] < at) ++q;
        const double span = along[q + 1] - along[q];
        const double u = span > 0.0 ? (at - along[q]) / span : 0.0;
        loopPlace[k] = (1.0 - u) * rimPlace[(from + q) % path.size()] +
                       u * rimPlace[(from + q + 1) % path.size()];
      }
      i = j;
    }
    auto regionPlace = tutte(tris, region, loop, loopPlace);
    if (regionPlace.empty()) continue;
    // Held points are put back at their targets' places: the polygon warped onto itself along the
    // rays from where a point lies flat (each ray's points spread evenly along the segment from
    // the target's place to the ray's end on the polygon, which stays), one point after another
    // until all are met. Relanded freely, cow's hooves left spot's feet by up to 13% of its size.
    std::vector<glm::dvec2> goal;
    for (std::size_t h : holds) {
      const SurfacePoint& at = heldOn[h];
      if (std::find(patch.begin(), patch.end(), at.triangle) == patch.end()) {
        ok = false;  // its target is not inside the patch
        break;
      }
      const glm::uvec3 t = target.triangles[at.triangle];
      const glm::dvec2 b(at.barycentric);
      goal.push_back((1.0 - b.x - b.y) * patchPlace.at(t.x) + b.x * patchPlace.at(t.y) +
                     b.y * patchPlace.at(t.z));
      ok = insideBy(rimPlace, goal.back(), 1e-6);  // the warp needs it strictly inside
      if (!ok) break;
    }
    if (!ok) continue;
    auto flatAt = [&](const HeldPoint& point) {
      glm::dvec2 p(0.0);
      for (int k = 0; k < 3; ++k) p += double(point.weights[k]) * regionPlace.at(point.triangle[k]);
      return p;
    };
    for (std::uint32_t v : loop) onLoop[v] = 1;
    double miss = 0.0, lastHalving = std::numeric_limits<double>::infinity();
    for (int round = 0, stalled = 0; round < 50 && !holds.empty() && stalled < 3; ++round) {
      progress.check();
      for (std::size_t i = 0; i < holds.size(); ++i) {
        const glm::dvec2 from = flatAt(held[holds[i]]);
        for (auto& [v, p] : regionPlace)
          if (!onLoop[v]) p = warpPolygon(rimPlace, from, goal[i], p);
      }
      miss = 0.0;
      for (std::size_t i = 0; i < holds.size(); ++i)
        miss = std::max(miss, glm::distance(flatAt(held[holds[i]]), goal[i]));
      if (miss < 1e-9) break;
      if (miss < 0.5 * lastHalving) {  // the points pull against each other: given up
        lastHalving = miss;
        stalled = 0;
      } else {
        ++stalled;
      }
    }
    for (std::uint32_t v : loop) onLoop[v] = 0;
    if (miss > 1e-6) continue;
    // Tutte's embedding folds nothing when the boundary is convex; three boundary vertices of one
    // triangle on one side of the polygon would give it no area, and a warp sampled at the
    // vertices can fold a tiny triangle it moves far: such a region is left.
    for (std::uint32_t f : region) {
      const glm::dvec2 a = regionPlace.at(tris[f].x), b = regionPlace.at(tris[f].y),
                       c = regionPlace.at(tris[f].z);
      if ((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y) <= 1e-14) ok = false;
    }
    if (!ok) continue;
    const PointLocator locate(target.triangles, patch, patchPlace);
    std::vector<std::pair<std::uint32_t, glm::vec3>> moves;
    for (std::uint32_t v : loop) onLoop[v] = 1;
    for (const auto& [v, p] : regionPlace) {
      if (onLoop[v]) continue;
      std::uint32_t face = 0;
      glm::dvec3 w;
      if (!locate.locate(p, face, w)) {
        ok = false;
        break;
      }
      const glm::uvec3 t = target.triangles[patch[face]];
      moves.emplace_back(v, glm::vec3(w.x * glm::dvec3(target.positions[t.x]) +
                                      w.y * glm::dvec3(target.positions[t.y]) +
                                      w.z * glm::dvec3(target.positions[t.z])));
    }
    for (std::uint32_t v : loop) onLoop[v] = 0;
    if (!ok) continue;
    // Every held point the region moves lands where it did or nearer its target, give or take
    // 0.2% of the target's size (the lift bends straight flat lines across the patch's folds;
    // the boundary's flat places are its corners', not quite where it lies).
    {
      std::unordered_map<std::uint32_t, glm::vec3> after(moves.begin(), moves.end());
      auto where = [&](std::uint32_t v, bool anew) {
        const auto it = anew ? after.find(v) : after.end();
        return it != after.end() ? it->second : landed[v];
      };
      for (std::size_t h : moving) {
        glm::vec3 before(0.0f), now(0.0f);
        for (int k = 0; k < 3; ++k) {
          before += held[h].weights[k] * where(held[h].triangle[k], false);
          now += held[h].weights[k] * where(held[h].triangle[k], true);
        }
        ok = ok && glm::distance(now, held[h].target) <=
                       glm::distance(before, held[h].target) + 0.002f * targetSize;
      }
    }
    if (!ok) continue;
    for (const auto& [v, p] : moves) landed[v] = p;
    ++report.relanded;
    report.moved += moves.size();
  }
  return report;
}

}  // namespace interp3d
