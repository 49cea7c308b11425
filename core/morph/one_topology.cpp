#include "morph/one_topology.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <optional>
#include <unordered_map>

#include <Eigen/Dense>
#include <Eigen/Geometry>
#include <Eigen/Sparse>
#include <Eigen/SparseCholesky>
#include <glm/geometric.hpp>

#include "geometry/surface_sampling.h"
#include "metrics/mesh_metrics.h"
#include "morph/landing_repair.h"
#include "util/error.h"
#include "util/parallel.h"

namespace interp3d {

TopologyMode parseTopologyMode(const std::string& name) {
  if (name == "auto") return TopologyMode::Auto;
  if (name == "source") return TopologyMode::Source;
  if (name == "lattice") return TopologyMode::Lattice;
  throw UsageError("unknown topology '" + name + "'; use auto, source or lattice");
}

std::string topologyModeName(TopologyMode mode) {
  switch (mode) {
    case TopologyMode::Auto:
      return "auto";
    case TopologyMode::Source:
      return "source";
    case TopologyMode::Lattice:
      return "lattice";
  }
  return "auto";
}

namespace {

using SparseMatrix = Eigen::SparseMatrix<double>;
using Triplet = Eigen::Triplet<double>;
using Solver = Eigen::SimplicialLDLT<SparseMatrix>;

Eigen::Vector3d toEigen(const glm::vec3& v) {
  return {v.x, v.y, v.z};
}

// The graph Laplacian of the triangles' edges, each edge counted once per triangle it borders.
std::vector<Triplet> edgeLaplacian(const TexturedMesh& mesh) {
  std::vector<Triplet> l;
  l.reserve(12 * mesh.triangles.size());
  for (const glm::uvec3& t : mesh.triangles)
    for (int k = 0; k < 3; ++k) {
      const int i = static_cast<int>(t[k]), j = static_cast<int>(t[(k + 1) % 3]);
      l.emplace_back(i, i, 1.0);
      l.emplace_back(j, j, 1.0);
      l.emplace_back(i, j, -1.0);
      l.emplace_back(j, i, -1.0);
    }
  return l;
}

Eigen::MatrixX3d toMatrix(const std::vector<glm::vec3>& p) {
  Eigen::MatrixX3d m(p.size(), 3);
  for (std::size_t i = 0; i < p.size(); ++i)
    m.row(static_cast<Eigen::Index>(i)) << p[i].x, p[i].y, p[i].z;
  return m;
}

std::vector<glm::vec3> fromMatrix(const Eigen::MatrixX3d& m) {
  std::vector<glm::vec3> p(static_cast<std::size_t>(m.rows()));
  for (std::size_t i = 0; i < p.size(); ++i) {
    const auto r = m.row(static_cast<Eigen::Index>(i));
    p[i] = glm::vec3(static_cast<float>(r(0)), static_cast<float>(r(1)), static_cast<float>(r(2)));
  }
  return p;
}

float medianEdgeLength(const TexturedMesh& mesh, const std::vector<glm::vec3>& p) {
  std::vector<float> lengths;
  lengths.reserve(3 * mesh.triangles.size());
  for (const glm::uvec3& t : mesh.triangles)
    for (int k = 0; k < 3; ++k) lengths.push_back(glm::length(p[t[k]] - p[t[(k + 1) % 3]]));
  if (lengths.empty()) return 0.0f;
  std::nth_element(lengths.begin(), lengths.begin() + lengths.size() / 2, lengths.end());
  return lengths[lengths.size() / 2];
}

// Splits every edge of `mesh` whose landed length exceeds `limit` at its middle, in the mesh and
// in `landed` and `flow` alike; a triangle with one, two or three split edges becomes two, three or
// four. No edge is split once the mesh has `most` vertices. Returns the number of edges split.
std::size_t splitLongEdges(TexturedMesh& mesh, std::vector<glm::vec3>& landed,
                           std::vector<glm::vec3>& flow, float limit, std::size_t most) {
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> middle;
  const bool colors = !mesh.vertexColors.empty();
  auto middleOf = [&](std::uint32_t a, std::uint32_t b) -> std::int64_t {
    const auto key = std::minmax(a, b);
    if (const auto it = middle.find(key); it != middle.end()) return it->second;
    if (glm::length(landed[a] - landed[b]) <= limit || mesh.positions.size() >= most) return -1;
    const auto v = static_cast<std::uint32_t>(mesh.positions.size());
    mesh.positions.push_back(0.5f * (mesh.positions[a] + mesh.positions[b]));
    landed.push_back(0.5f * (landed[a] + landed[b]));
    flow.push_back(0.5f * (flow[a] + flow[b]));
    if (colors) mesh.vertexColors.push_back(0.5f * (mesh.vertexColors[a] + mesh.vertexColors[b]));
    middle.emplace(key, v);
    return v;
  };
  const bool uvs = mesh.hasUVs();
  std::vector<glm::uvec3> triangles;
  std::vector<glm::vec2> cornerUVs;
  std::vector<std::uint32_t> materialIds;
  for (std::size_t f = 0; f < mesh.triangles.size(); ++f) {
    const glm::uvec3 t = mesh.triangles[f];
    std::int64_t m[3];
    for (int k = 0; k < 3; ++k) m[k] = middleOf(t[k], t[(k + 1) % 3]);
    glm::vec2 uv[3], muv[3];
    for (int k = 0; k < 3; ++k) uv[k] = uvs ? mesh.cornerUVs[3 * f + k] : glm::vec2(0.0f);
    for (int k = 0; k < 3; ++k) muv[k] = 0.5f * (uv[k] + uv[(k + 1) % 3]);
    // Corners 0-2 are the triangle's, 3-5 the middles of its edges 0-2.
    auto emit = [&](int a, int b, int c) {
      const std::uint32_t v[6] = {t[0],
                                  t[1],
                                  t[2],
                                  static_cast<std::uint32_t>(m[0]),
                                  static_cast<std::uint32_t>(m[1]),
                                  static_cast<std::uint32_t>(m[2])};
      const glm::vec2 w[6] = {uv[0], uv[1], uv[2], muv[0], muv[1], muv[2]};
      triangles.emplace_back(v[a], v[b], v[c]);
      if (uvs) cornerUVs.insert(cornerUVs.end(), {w[a], w[b], w[c]});
      materialIds.push_back(mesh.materialIds[f]);
    };
    const int split = (m[0] >= 0) + (m[1] >= 0) + (m[2] >= 0);
    if (split == 0) {
      emit(0, 1, 2);
    } else if (split == 3) {
      emit(0, 3, 5);
      emit(3, 1, 4);
      emit(5, 4, 2);
      emit(3, 4, 5);
    } else if (split == 1) {
      const int k = m[0] >= 0 ? 0 : m[1] >= 0 ? 1 : 2;
      emit(k, 3 + k, (k + 2) % 3);
      emit(3 + k, (k + 1) % 3, (k + 2) % 3);
    } else {
      const int u = m[0] < 0 ? 0 : m[1] < 0 ? 1 : 2;  // the edge not split
      const int k = (u + 1) % 3, k1 = (u + 2) % 3;    // edges k and k1 are
      emit(3 + k, (k + 1) % 3, 3 + k1);
      emit(k, 3 + k, 3 + k1);
      emit(k, 3 + k1, (k1 + 1) % 3);
    }
  }
  mesh.triangles.swap(triangles);
  mesh.cornerUVs.swap(cornerUVs);
  mesh.materialIds.swap(materialIds);
  return middle.size();
}

// A vertex where two or more fans of triangles meet (the surface pinched to a point) becomes one
// vertex per fan, each fan its own, at the same place: a region of the landing around it is then
// a disk that can be landed again (landing_repair.h). `landed` and `flow` grow with the new
// vertices.
void splitPinchedVertices(TexturedMesh& mesh, std::vector<glm::vec3>& landed,
                          std::vector<glm::vec3>& flow) {
  std::vector<std::vector<std::uint32_t>> around(mesh.positions.size());
  for (std::uint32_t f = 0; f < mesh.triangles.size(); ++f)
    for (int k = 0; k < 3; ++k) around[mesh.triangles[f][k]].push_back(f);
  const bool colors = !mesh.vertexColors.empty();
  for (std::uint32_t v = 0; v < around.size(); ++v) {
    const std::vector<std::uint32_t>& faces = around[v];
    // Fans: the faces at v joined through their edges at v (a union of the faces that share an
    // edge's other vertex).
    std::vector<std::size_t> root(faces.size());
    std::iota(root.begin(), root.end(), std::size_t{0});
    auto find = [&](std::size_t i) {
      while (root[i] != i) i = root[i] = root[root[i]];
      return i;
    };
    std::unordered_map<std::uint32_t, std::size_t> firstAt;  // other vertex -> a face with it
    for (std::size_t i = 0; i < faces.size(); ++i)
      for (int k = 0; k < 3; ++k) {
        const std::uint32_t w = mesh.triangles[faces[i]][k];
        if (w == v) continue;
        const auto [it, fresh] = firstAt.emplace(w, i);
        if (!fresh) root[find(i)] = find(it->second);
      }
    std::unordered_map<std::size_t, std::uint32_t> vertexOfFan;
    for (std::size_t i = 0; i < faces.size(); ++i) {
      const std::size_t fan = find(i);
      auto [it, fresh] = vertexOfFan.emplace(fan, v);
      if (fresh && vertexOfFan.size() > 1) {  // a fan beyond the first: its own vertex
        it->second = static_cast<std::uint32_t>(mesh.positions.size());
        mesh.positions.push_back(mesh.positions[v]);
        if (colors) mesh.vertexColors.push_back(mesh.vertexColors[v]);
        landed.push_back(landed[v]);
        flow.push_back(flow[v]);
      }
      for (int k = 0; k < 3; ++k)
        if (mesh.triangles[faces[i]][k] == v) mesh.triangles[faces[i]][k] = it->second;
    }
  }
  if (!mesh.normals.empty()) computeVertexNormals(mesh);
}

// The vertices sharing a triangle with each vertex (with repeats).
std::vector<std::vector<std::uint32_t>> vertexNeighbours(const TexturedMesh& mesh) {
  std::vector<std::vector<std::uint32_t>> neighbours(mesh.positions.size());
  for (const glm::uvec3& t : mesh.triangles)
    for (int k = 0; k < 3; ++k) {
      neighbours[t[k]].push_back(t[(k + 1) % 3]);
      neighbours[t[k]].push_back(t[(k + 2) % 3]);
    }
  return neighbours;
}

// The triangles of `mesh` at positions `p`, nothing else (for queries and crossing counts).
TexturedMesh trianglesAt(const TexturedMesh& mesh, const std::vector<glm::vec3>& p) {
  TexturedMesh shape;
  shape.positions = p;
  shape.triangles = mesh.triangles;
  return shape;
}

// Weight of a pin in the fit against a vertex's pull onto the target (1).
constexpr double kPinWeight = 1e3;

// The landmarks' source points on `mesh` (its current vertices), and its vertices the pins hold
// (marked in `pinned`): those are placed by the fit alone, never slid along the target.
std::vector<HeldPoint> pinsOn(const TexturedMesh& mesh, const std::vector<Landmark>& landmarks,
                              std::vector<std::uint8_t>& pinned, int threads) {
  pinned.assign(mesh.positions.size(), 0);
  if (landmarks.empty()) return {};
  std::vector<glm::vec3> points;
  for (const Landmark& l : landmarks) points.push_back(l.source);
  const SurfaceQuery query(mesh, threads);
  const std::vector<SurfacePoint> on = query.closest(points);
  std::vector<HeldPoint> pins;
  for (std::size_t i = 0; i < on.size(); ++i) {
    const glm::uvec3 t = mesh.triangles[on[i].triangle];
    const glm::vec2 b = on[i].barycentric;
    pins.push_back({t, glm::vec3(1.0f - b.x - b.y, b.x, b.y), landmarks[i].target});
    for (int k = 0; k < 3; ++k) pinned[t[k]] = 1;
  }
  return pins;
}

// Triangle f's normal times twice its area.
glm::vec3 areaNormal(const TexturedMesh& mesh, std::uint32_t f) {
  const glm::uvec3 u = mesh.triangles[f];
  const glm::vec3& b = mesh.positions[u.x];
  return glm::cross(mesh.positions[u.y] - b, mesh.positions[u.z] - b);
}

// Where the correspondence sends a vertex (its flow point on the target), and whether the vertex
// is pulled there (OneTopologyOptions::flowPull in the fit, settlePull in the smoothing).
struct Anchor {
  glm::vec3 at{0.0f};
  bool held = false;
};

// Each vertex's anchor: its flow point, held where the flow keeps every triangle around the vertex
// facing the target's way and at least a quarter of its area as landed now (in the first round:
// the carried points); not where the flow folds or squeezes the mesh (following it there folds the
// landing).
std::vector<Anchor> flowAnchors(const TexturedMesh& mesh, const std::vector<glm::vec3>& p,
                                const std::vector<glm::vec3>& flow, const TexturedMesh& target,
                                const SurfaceQuery& targetQuery, const Progress& progress) {
  constexpr float kSqueezed = 0.25f;
  const std::vector<SurfacePoint> on = targetQuery.closest(flow, &progress);
  std::vector<std::uint8_t> held(p.size(), 1);
  for (const glm::uvec3& t : mesh.triangles) {
    const glm::vec3& a = on[t.x].position;
    const glm::vec3 there = glm::cross(on[t.y].position - a, on[t.z].position - a);
    const glm::vec3 landed = glm::cross(p[t.y] - p[t.x], p[t.z] - p[t.x]);
    const glm::vec3 facing = areaNormal(target, on[t.x].triangle);
    if (glm::dot(there, facing) <= 0.0f || glm::length(there) < kSqueezed * glm::length(landed))
      held[t.x] = held[t.y] = held[t.z] = 0;
  }
  std::vector<Anchor> anchors(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) anchors[i] = {on[i].position, held[i] != 0};
  return anchors;
}

// Every vertex onto the target's closest point, then `steps` times: a move halfway to its
// neighbours' mean along the target's surface and back onto it. Folds left where the pulls
// crossed open up; the mesh stays on the surface. The move is in the target's tangent plane under
// the vertex: a vertex at the tip of a thin part is not drawn back towards its neighbours. A vertex
// with an anchor also moves `pull` of its way there: smoothing alone evens the mesh out over the
// rounds and slides it away from where the correspondence sent it.
void settleOnTarget(const TexturedMesh& mesh, std::vector<glm::vec3>& p,
                    const std::vector<std::uint8_t>& pinned, const TexturedMesh& target,
                    const SurfaceQuery& targetQuery, int steps, const std::vector<Anchor>& anchors,
                    double pull, const Progress& progress) {
  const std::vector<std::vector<std::uint32_t>> neighbours = vertexNeighbours(mesh);
  std::vector<SurfacePoint> on = targetQuery.closest(p, &progress);
  for (int step = 0; step <= steps; ++step) {
    for (std::size_t i = 0; i < p.size(); ++i)
      if (!pinned[i]) p[i] = on[i].position;
    if (step == steps) break;
    std::vector<glm::vec3> next = p;
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (neighbours[i].empty()) continue;
      glm::vec3 mean(0.0f);
      for (std::uint32_t j : neighbours[i]) mean += p[j];
      mean /= static_cast<float>(neighbours[i].size());
      glm::vec3 move = 0.5f * (mean - p[i]);
      if (!anchors.empty() && anchors[i].held)
        move += static_cast<float>(pull) * (anchors[i].at - p[i]);
      const glm::vec3 normal = areaNormal(target, on[i].triangle);
      const float length = glm::length(normal);
      if (length > 0.0f) move -= glm::dot(move, normal / length) * (normal / length);
      next[i] = p[i] + move;
    }
    on = targetQuery.closest(next, &progress);
  }
}

// Rounds of the two-way fit: every vertex pulled onto the target's closest point, every target
// sample pulling the landed mesh's closest point onto itself, and the edges keeping the shape
// they had at the round's start, less and less stiffly.
void fitRounds(const TexturedMesh& mesh, std::vector<glm::vec3>& p,
               const std::vector<glm::vec3>& targetSamples, const TexturedMesh& target,
               const SurfaceQuery& targetQuery, const std::vector<HeldPoint>& pins,
               const std::vector<std::uint8_t>& pinned, const std::vector<Anchor>& anchors,
               const OneTopologyOptions& o, int rounds, float firstStiffness, int relaxSteps,
               int threads, const Progress& progress) {
  const auto n = static_cast<Eigen::Index>(p.size());
  const std::vector<Triplet> laplacianEntries = edgeLaplacian(mesh);
  SparseMatrix laplacian(n, n);
  laplacian.setFromTriplets(laplacianEntries.begin(), laplacianEntries.end());
  const double backWeight =
      static_cast<double>(p.size()) / std::max<std::size_t>(1, targetSamples.size());
  Solver solver;
  bool analysed = false;
  float stiffness = firstStiffness;
  for (int round = 0; round < rounds;
       ++round, stiffness = std::max(stiffness * 0.5f, o.stiffness / 64)) {
    progress.check();
    const std::vector<SurfacePoint> onTarget = targetQuery.closest(p, &progress);
    const SurfaceQuery landedQuery(trianglesAt(mesh, p), threads);
    const std::vector<SurfacePoint> reached = landedQuery.closest(targetSamples, &progress);

    std::vector<Triplet> entries;
    entries.reserve(laplacianEntries.size() + p.size() + 9 * reached.size());
    for (const Triplet& t : laplacianEntries)
      entries.emplace_back(t.row(), t.col(), stiffness * t.value());
    Eigen::MatrixX3d rhs = stiffness * (laplacian * toMatrix(p));
    for (Eigen::Index i = 0; i < n; ++i) {
      const double w =
          !anchors.empty() && anchors[static_cast<std::size_t>(i)].held ? o.flowPull : 0.0;
      entries.emplace_back(i, i, 1.0 + w);
      rhs.row(i) += toEigen(onTarget[static_cast<std::size_t>(i)].position).transpose();
      if (w > 0.0) rhs.row(i) += w * toEigen(anchors[static_cast<std::size_t>(i)].at).transpose();
    }
    for (std::size_t j = 0; j < reached.size(); ++j) {
      const glm::uvec3 t = mesh.triangles[reached[j].triangle];
      const glm::vec2 b = reached[j].barycentric;
      const double w[3] = {1.0 - b.x - b.y, b.x, b.y};
      for (int a = 0; a < 3; ++a) {
        for (int c = 0; c < 3; ++c) entries.emplace_back(t[a], t[c], backWeight * w[a] * w[c]);
        rhs.row(t[a]) += backWeight * w[a] * toEigen(targetSamples[j]).transpose();
      }
    }
    for (const HeldPoint& pin : pins)
      for (int a = 0; a < 3; ++a) {
        for (int c = 0; c < 3; ++c)
          entries.emplace_back(pin.triangle[a], pin.triangle[c],
                               kPinWeight * pin.weights[a] * pin.weights[c]);
        rhs.row(pin.triangle[a]) += kPinWeight * pin.weights[a] * toEigen(pin.target).transpose();
      }
    SparseMatrix system(n, n);
    system.setFromTriplets(entries.begin(), entries.end());
    if (!analysed) {
      solver.analyzePattern(system);
      analysed = true;
    }
    solver.factorize(system);
    if (solver.info() != Eigen::Success) break;
    const Eigen::MatrixX3d next = solver.solve(rhs);
    if (!next.allFinite()) break;
    p = fromMatrix(next);
    // Every vertex on the target's surface, the folds the pulls left smoothed out along it.
    settleOnTarget(mesh, p, pinned, target, targetQuery, relaxSteps, anchors, o.settlePull,
                   progress);
  }
}

// The `points` farther than `limit` from `mesh` at positions `p`; the largest distance in
// `farthest`.
std::vector<glm::vec3> outOfReach(const TexturedMesh& mesh, const std::vector<glm::vec3>& p,
                                  const std::vector<glm::vec3>& points, float limit,
                                  float& farthest, int threads, const Progress& progress) {
  const std::vector<float> d =
      SurfaceQuery(trianglesAt(mesh, p), threads).distance(points, &progress);
  std::vector<glm::vec3> out;
  farthest = 0.0f;
  for (std::size_t i = 0; i < d.size(); ++i) {
    farthest = std::max(farthest, d[i]);
    if (d[i] > limit) out.push_back(points[i]);
  }
  return out;
}

// Per triangle of `mesh` at positions `p`: whether it faces against the target's surface beneath
// its middle (folded over); its area (twice) in `area` when asked.
std::vector<std::uint8_t> foldedTriangles(const TexturedMesh& mesh, const std::vector<glm::vec3>& p,
                                          const TexturedMesh& target,
                                          const SurfaceQuery& targetQuery, const Progress& progress,
                                          std::vector<float>* area = nullptr) {
  std::vector<glm::vec3> middles(mesh.triangles.size());
  for (std::size_t f = 0; f < middles.size(); ++f) {
    const glm::uvec3 t = mesh.triangles[f];
    middles[f] = (p[t.x] + p[t.y] + p[t.z]) / 3.0f;
  }
  const std::vector<SurfacePoint> under = targetQuery.closest(middles, &progress);
  std::vector<std::uint8_t> folded(middles.size(), 0);
  if (area) area->assign(middles.size(), 0.0f);
  for (std::size_t f = 0; f < middles.size(); ++f) {
    const glm::uvec3 t = mesh.triangles[f];
    const glm::vec3 n = glm::cross(p[t.y] - p[t.x], p[t.z] - p[t.x]);
    folded[f] = glm::dot(n, areaNormal(target, under[f].triangle)) < 0.0f;
    if (area) (*area)[f] = glm::length(n);
  }
  return folded;
}

// Folds opened where they are: the vertices of folded triangles and their neighbours move
// halfway to their neighbours' mean and back onto the target, up to `steps` times, the rest of
// the mesh staying where it is (relaxing everything would slide the mesh off thin parts).
void openFolds(const TexturedMesh& mesh, std::vector<glm::vec3>& p,
               const std::vector<std::uint8_t>& pinned, const TexturedMesh& target,
               const SurfaceQuery& targetQuery, int steps, const Progress& progress) {
  constexpr int kRings = 3;
  const std::vector<std::vector<std::uint32_t>> neighbours = vertexNeighbours(mesh);
  for (int step = 0; step < steps; ++step) {
    const std::vector<std::uint8_t> folded =
        foldedTriangles(mesh, p, target, targetQuery, progress);
    std::vector<std::uint8_t> moving(p.size(), 0);
    for (std::size_t f = 0; f < folded.size(); ++f)
      if (folded[f])
        for (int k = 0; k < 3; ++k) moving[mesh.triangles[f][k]] = 1;
    for (int ring = 0; ring < kRings; ++ring) {  // and a few rings around them
      const std::vector<std::uint8_t> was = moving;
      for (std::size_t i = 0; i < p.size(); ++i)
        if (was[i])
          for (std::uint32_t j : neighbours[i]) moving[j] = 1;
    }
    std::vector<std::uint32_t> which;
    std::vector<glm::vec3> moved;
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (!moving[i] || pinned[i] || neighbours[i].empty()) continue;
      glm::vec3 mean(0.0f);
      for (std::uint32_t j : neighbours[i]) mean += p[j];
      mean /= static_cast<float>(neighbours[i].size());
      which.push_back(static_cast<std::uint32_t>(i));
      moved.push_back(0.5f * (p[i] + mean));
    }
    if (which.empty()) return;
    const std::vector<SurfacePoint> on = targetQuery.closest(moved, &progress);
    for (std::size_t k = 0; k < which.size(); ++k) p[which[k]] = on[k].position;
  }
}

}  // namespace

LandedMesh landOnTarget(const TexturedMesh& source, const std::vector<glm::vec3>& carried,
                        const TexturedMesh& target, const SurfaceQuery& targetQuery,
                        const std::vector<Landmark>& landmarks, const OneTopologyOptions& options,
                        int threads, const Progress& progress) {
  LandedMesh out;
  out.base = source;
  out.landed = carried;
  out.landed.resize(source.positions.size());
  std::vector<glm::vec3> flow = out.landed;  // where the correspondence sends each vertex
  if (options.relandRings > 0) splitPinchedVertices(out.base, out.landed, flow);
  // Edges are split towards the finer of the two meshes' detail.
  const float edge = std::min(medianEdgeLength(source, source.positions),
                              medianEdgeLength(target, target.positions));
  const std::size_t most =
      std::min(options.maxVertices, 4 * std::max(source.positions.size(), target.positions.size()));
  std::vector<std::uint8_t> pinned;  // of the last round's mesh, which is the final one
  std::vector<HeldPoint> pins;
  // The refine rounds, then the reach rounds while part of the target is still out of reach.
  const int rounds = options.refineRounds + options.reachRounds;
  const float inReach =
      static_cast<float>(0.5 * options.reach) * boundingBox(target.positions).diagonal();
  float farthest = std::numeric_limits<float>::infinity();
  std::vector<glm::vec3> far;  // the target's points out of reach, pulled in the reach rounds
  struct Round {
    TexturedMesh base;
    std::vector<glm::vec3> landed, flow;
    std::vector<std::uint8_t> pinned;
    std::vector<HeldPoint> pins;
  } best;
  for (int refine = 0; refine <= rounds; ++refine) {
    const bool reaching = refine > options.refineRounds;
    const std::size_t count =
        static_cast<std::size_t>(options.targetSamples * out.base.positions.size());
    std::vector<glm::vec3> samples;
    samples.reserve(count);
    for (const SurfaceSample& s : sampleSurface(target, count, 17 + refine))
      samples.push_back(s.point.position);
    const std::size_t fresh = samples.size();
    if (reaching) samples.insert(samples.end(), far.begin(), far.end());
    pins = pinsOn(out.base, landmarks, pinned, threads);
    // The reach rounds grow tips into thin parts the correspondence does not reach: unpulled
    // (pulled, cow->spot's horns stayed 5.2% of the diagonal short).
    const std::vector<Anchor> anchors =
        reaching || options.flowPull <= 0.0
            ? std::vector<Anchor>()
            : flowAnchors(out.base, out.landed, flow, target, targetQuery, progress);
    fitRounds(out.base, out.landed, samples, target, targetQuery, pins, pinned, anchors, options,
              refine == 0 ? options.fitRounds : options.fitRounds / 2,
              refine == 0 ? options.stiffness : options.stiffness / 8,
              reaching ? std::max(1, options.relaxSteps / 2) : options.relaxSteps, threads,
              progress);
    // Never more than four times the larger mesh's vertices, nor options.maxVertices.
    if (refine < options.refineRounds) {
      if (splitLongEdges(out.base, out.landed, flow, options.maxStretch * edge, most) > 0) continue;
      refine = options.refineRounds;  // nothing left to split: the reach rounds, if any are needed
    }
    if (options.reachRounds <= 0) break;
    // The target's vertices as well as this round's own samples: the tip of a thin part is often
    // a vertex, and a sample seldom lands right on it.
    std::vector<glm::vec3> points(samples.begin(), samples.begin() + fresh);
    points.insert(points.end(), target.positions.begin(), target.positions.end());
    float now = 0.0f;
    far = outOfReach(out.base, out.landed, points, inReach, now, threads, progress);
    if (now > farthest) {  // the round went back: the best round's landing, and no more rounds
      out.base = std::move(best.base);
      out.landed = std::move(best.landed);
      flow = std::move(best.flow);
      pinned = std::move(best.pinned);
      pins = std::move(best.pins);
      break;
    }
    // All in reach, hardly nearer, or the last round.
    if (now <= inReach || now > 0.95f * farthest || refine >= rounds) break;
    farthest = now;
    best = {out.base, out.landed, flow, pinned, pins};
    splitLongEdges(out.base, out.landed, flow, options.maxStretch * edge, most);
  }
  openFolds(out.base, out.landed, pinned, target, targetQuery, options.unfoldSteps, progress);
  // What still crosses or folds, landed again region by region so that it cannot; the landmarks'
  // and the matched tips' points are met again.
  if (options.relandRings > 0) {
    for (int pass = 0; pass < options.relandPasses; ++pass) {
      progress.check();
      std::vector<std::uint8_t> bad =
          foldedTriangles(out.base, out.landed, target, targetQuery, progress);
      for (const auto& [f, g] : selfIntersectingPairs(trianglesAt(out.base, out.landed)))
        bad[f] = bad[g] = 1;
      if (std::find(bad.begin(), bad.end(), 1) == bad.end()) break;
      out.relanded += relandBadRegions(out.base, out.landed, bad, pins, target, targetQuery,
                                       options.relandRings * (pass + 1), progress)
                          .relanded;
    }
  }
  computeVertexNormals(out.base);
  measureLanding(out, target, targetQuery, options, threads, progress);
  return out;
}

LandedMesh landSameMesh(const TexturedMesh& source, const TexturedMesh& target,
                        const SurfaceQuery& targetQuery, const OneTopologyOptions& options,
                        int threads, const Progress& progress) {
  LandedMesh out;
  out.base = source;
  out.landed = target.positions;
  measureLanding(out, target, targetQuery, options, threads, progress);
  return out;
}

void measureLanding(LandedMesh& out, const TexturedMesh& target, const SurfaceQuery& targetQuery,
                    const OneTopologyOptions& options, int threads, const Progress& progress) {
  // How well it landed: both ways' mean distance, and triangles facing against the target.
  TexturedMesh landed = out.base;
  landed.positions = out.landed;
  landed.cornerUVs.clear();
  const float diagonal = std::max(1e-6f, boundingBox(target.positions).diagonal());
  if (!(surfaceArea(landed) > 0.0) || !(surfaceArea(target) > 0.0)) {  // collapsed: no landing
    out.chamfer = std::numeric_limits<double>::infinity();
    out.flipped = 1.0;
    out.unreached = 1.0;
    out.farthest = 1.0;
    return;
  }
  std::vector<glm::vec3> there, here;
  for (const SurfaceSample& s : sampleSurface(target, 20000, 3)) there.push_back(s.point.position);
  for (const SurfaceSample& s : sampleSurface(landed, 20000, 4)) here.push_back(s.point.position);
  const SurfaceQuery landedQuery(landed, threads);
  double back = 0.0, forth = 0.0;
  std::size_t unreached = 0;
  float farthest = 0.0f;
  for (float d : landedQuery.distance(there, &progress)) {
    back += d;
    unreached += d > options.reach * diagonal;
    farthest = std::max(farthest, d);
  }
  for (float d : landedQuery.distance(target.positions, &progress))  // a thin tip is a vertex
    farthest = std::max(farthest, d);
  out.farthest = farthest / diagonal;
  out.unreached = static_cast<double>(unreached) / std::max<std::size_t>(1, there.size());
  for (float d : targetQuery.distance(here, &progress)) forth += d;
  out.chamfer = 0.5 *
                (back / std::max<std::size_t>(1, there.size()) +
                 forth / std::max<std::size_t>(1, here.size())) /
                diagonal;
  std::vector<float> areas;
  const std::vector<std::uint8_t> folded =
      foldedTriangles(landed, landed.positions, target, targetQuery, progress, &areas);
  double turned = 0.0, area = 0.0;
  for (std::size_t f = 0; f < folded.size(); ++f) {
    area += areas[f];
    if (folded[f]) turned += areas[f];
  }
  out.flipped = area > 0.0 ? turned / area : 0.0;
  progress.check();
  out.crossings = countSelfIntersections(landed);
}

struct ShapeInterpolation::Impl {
  std::vector<glm::uvec3> triangles;
  Eigen::MatrixX3d base, landed;
  // Per triangle: the rotation and the stretch of its deformation (landed = rotation * stretch *
  // base on its edges), or none for a triangle without area.
  std::vector<Eigen::Quaterniond> rotation;
  std::vector<Eigen::Matrix3d> stretch;
  std::vector<std::uint8_t> flat;
  std::size_t crossingsFound = 0, crossingsLeft = 0;
  // The whole mesh's turn (least squares over the vertices); the triangles' rotations are kept
  // relative to it, so each turns the short way from where the whole has turned to: a half turn
  // of the whole no longer splits neighbours turned 179 and 181 degrees into opposite ways.
  Eigen::Quaterniond whole = Eigen::Quaterniond::Identity();
  Solver solver;
  static constexpr double kAnchor = 1e-4;  // pull towards the straight blend (fixes translation)
};

// The mean of rotations[j] over j in `around`, each taken the same way round as rotations[i]; none
// when they cancel out.
std::optional<Eigen::Quaterniond> meanRotation(const std::vector<Eigen::Quaterniond>& rotations,
                                               std::size_t i,
                                               const std::vector<std::uint32_t>& around) {
  Eigen::Vector4d sum = Eigen::Vector4d::Zero();
  const Eigen::Vector4d own = rotations[i].coeffs();
  for (std::uint32_t j : around) {
    const Eigen::Vector4d q = rotations[j].coeffs();
    sum += q.dot(own) < 0.0 ? Eigen::Vector4d(-q) : q;
  }
  if (sum.norm() < 1e-9) return std::nullopt;
  return Eigen::Quaterniond(Eigen::Vector4d(sum.normalized()));
}

// Radians a triangle's rotation may differ from its neighbours' mean before it is a fold's.
constexpr double kMostTurnAgainstNeighbours = 1.5707963;

ShapeInterpolation::ShapeInterpolation(const TexturedMesh& base,
                                       const std::vector<glm::vec3>& landed, int untanglePasses,
                                       int threads, const Progress& progress)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.triangles = base.triangles;
  m.base = toMatrix(base.positions);
  m.landed = toMatrix(landed);
  const std::size_t f = base.triangles.size();
  m.rotation.assign(f, Eigen::Quaterniond::Identity());
  m.stretch.assign(f, Eigen::Matrix3d::Identity());
  m.flat.assign(f, 0);
  // Edge frame of a triangle: its two edges and its normal scaled like them.
  auto frame = [](const Eigen::MatrixX3d& p, const glm::uvec3& t, Eigen::Matrix3d& e) {
    const Eigen::Vector3d a = p.row(t.x), e1 = p.row(t.y).transpose() - a,
                          e2 = p.row(t.z).transpose() - a;
    const Eigen::Vector3d n = e1.cross(e2);
    const double len = n.norm();
    e.col(0) = e1;
    e.col(1) = e2;
    e.col(2) = len > 0.0 ? Eigen::Vector3d(n / std::sqrt(len)) : Eigen::Vector3d::Zero();
    return len;
  };
  std::vector<Eigen::Matrix3d> deformation(f, Eigen::Matrix3d::Identity());
  for (std::size_t i = 0; i < f; ++i) {
    Eigen::Matrix3d e0, e1;
    const double a0 = frame(m.base, base.triangles[i], e0);
    const double a1 = frame(m.landed, base.triangles[i], e1);
    if (a0 < 1e-14 || a1 < 1e-6 * a0) {  // no area, or landed as a needle: no rotation to read
      m.flat[i] = 1;
      continue;
    }
    const Eigen::Matrix3d t = e1 * e0.inverse();  // its determinant is positive (normal columns)
    deformation[i] = t;
    Eigen::JacobiSVD<Eigen::Matrix3d> svd(t, Eigen::ComputeFullU | Eigen::ComputeFullV);
    Eigen::Matrix3d u = svd.matrixU();
    Eigen::Vector3d sigma = svd.singularValues();
    const Eigen::Matrix3d v = svd.matrixV();
    if ((u * v.transpose()).determinant() < 0.0) {  // rounding: keep the rotation proper
      u.col(2) = -u.col(2);
      sigma(2) = -sigma(2);
    }
    m.rotation[i] = Eigen::Quaterniond(Eigen::Matrix3d(u * v.transpose()));
    m.stretch[i] = v * sigma.asDiagonal() * v.transpose();
  }
  // A triangle folded over on the target turns half round against its neighbours; turned that
  // way it would swing out of the surface as a flap. It turns with its neighbours instead, and
  // the rest of its deformation (its fold) is blended in as stretch.
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::vector<std::uint32_t>> byEdge;
  for (std::size_t i = 0; i < f; ++i)
    for (int k = 0; k < 3; ++k)
      byEdge[std::minmax(base.triangles[i][k], base.triangles[i][(k + 1) % 3])].push_back(
          static_cast<std::uint32_t>(i));
  std::vector<std::vector<std::uint32_t>> around(f);
  for (const auto& [edge, faces] : byEdge)
    for (std::uint32_t a : faces)
      for (std::uint32_t b : faces)
        if (a != b) around[a].push_back(b);
  for (int pass = 0; pass < 3; ++pass) {
    std::vector<Eigen::Quaterniond> next = m.rotation;
    for (std::size_t i = 0; i < f; ++i) {
      if (m.flat[i] || around[i].empty()) continue;
      const std::optional<Eigen::Quaterniond> mean = meanRotation(m.rotation, i, around[i]);
      if (!mean || m.rotation[i].angularDistance(*mean) <= kMostTurnAgainstNeighbours) continue;
      next[i] = *mean;
      m.stretch[i] = mean->toRotationMatrix().transpose() * deformation[i];
    }
    m.rotation.swap(next);
  }
  {
    const Eigen::RowVector3d from = m.base.colwise().mean(), to = m.landed.colwise().mean();
    const Eigen::Matrix3d h = (m.base.rowwise() - from).transpose() * (m.landed.rowwise() - to);
    Eigen::JacobiSVD<Eigen::Matrix3d> svd(h, Eigen::ComputeFullU | Eigen::ComputeFullV);
    Eigen::Matrix3d d = Eigen::Matrix3d::Identity();
    d(2, 2) = (svd.matrixV() * svd.matrixU().transpose()).determinant() < 0.0 ? -1.0 : 1.0;
    const Eigen::Matrix3d turn = svd.matrixV() * d * svd.matrixU().transpose();
    if (turn.allFinite()) m.whole = Eigen::Quaterniond(turn);
    for (Eigen::Quaterniond& q : m.rotation) q = m.whole.conjugate() * q;  // relative to the whole
  }
  const auto n = static_cast<Eigen::Index>(base.positions.size());
  std::vector<Triplet> entries = edgeLaplacian(base);
  for (Eigen::Index i = 0; i < n; ++i) entries.emplace_back(i, i, Impl::kAnchor);
  SparseMatrix system(n, n);
  system.setFromTriplets(entries.begin(), entries.end());
  m.solver.compute(system);
  if (m.solver.info() != Eigen::Success)
    throw Error("the one-topology interpolation could not be factored");
  untangle(base, untanglePasses, threads, progress);
}

void ShapeInterpolation::untangle(const TexturedMesh& base, int passes, int threads,
                                  const Progress& progress) {
  Impl& m = *impl_;
  const std::size_t f = base.triangles.size();
  if (passes <= 0 || f < 2) return;
  std::vector<std::vector<std::uint32_t>> facesAt(base.positions.size());
  for (std::size_t i = 0; i < f; ++i)
    for (int k = 0; k < 3; ++k) facesAt[base.triangles[i][k]].push_back(std::uint32_t(i));
  auto grow = [&](std::vector<std::uint8_t>& region, int rings) {
    for (int ring = 0; ring < rings; ++ring) {
      std::vector<std::uint8_t> grown = region;
      for (std::size_t i = 0; i < f; ++i)
        if (region[i])
          for (int k = 0; k < 3; ++k)
            for (std::uint32_t g : facesAt[base.triangles[i][k]]) grown[g] = 1;
      region.swap(grown);
    }
  };
  // The ends' own crossings and six rings around them: an input that crosses itself (the cow's
  // tail, 80 pairs) carries its crossings into the in-betweens, where they move along the part
  // (with two rings, 206 pairs of cow->spot's in-betweens along the tail counted as new).
  std::vector<std::uint8_t> ends(f, 0);
  for (const Eigen::MatrixX3d* p : {&m.base, &m.landed})
    for (const auto& [a, b] : selfIntersectingPairs(trianglesAt(base, fromMatrix(*p))))
      ends[a] = ends[b] = 1;
  grow(ends, 6);
  // Crossing pairs away from the ends' own, over the checked in-betweens, their triangles marked.
  constexpr int kChecked = 16;
  auto crossings = [&](std::vector<std::uint8_t>& marked) {
    std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> found(kChecked - 1);
    parallelFor(kChecked - 1, threads, [&](std::size_t b, std::size_t e) {
      for (std::size_t k = b; k < e && !progress.cancelled(); ++k)
        found[k] = selfIntersectingPairs(trianglesAt(base, at(double(k + 1) / kChecked)));
    });
    progress.check();
    marked.assign(f, 0);
    std::size_t count = 0;
    for (const auto& pairs : found)
      for (const auto& [a, b] : pairs)
        if (!ends[a] && !ends[b]) ++count, marked[a] = marked[b] = 1;
    return count;
  };
  std::vector<std::uint8_t> marked;
  std::size_t left = m.crossingsFound = m.crossingsLeft = crossings(marked);
  for (int pass = 0; pass < passes && left > 0; ++pass) {
    const std::vector<Eigen::Quaterniond> rotation = m.rotation;
    const std::vector<Eigen::Matrix3d> stretch = m.stretch;
    const std::vector<std::uint8_t> crossing = marked;
    grow(marked, pass + 1);
    // The region's rotations smoothed with the rest of the mesh's held around it (Jacobi steps:
    // each triangle to the mean of the triangles sharing a vertex with it).
    std::vector<std::uint32_t> near;
    for (int step = 0; step < 10; ++step) {
      std::vector<Eigen::Quaterniond> next = m.rotation;
      for (std::size_t i = 0; i < f; ++i) {
        if (!marked[i] || m.flat[i]) continue;
        near.clear();
        for (int k = 0; k < 3; ++k)
          for (std::uint32_t j : facesAt[base.triangles[i][k]])
            if (!m.flat[j]) near.push_back(j);
        std::sort(near.begin(), near.end());
        near.erase(std::unique(near.begin(), near.end()), near.end());
        if (const auto mean = meanRotation(m.rotation, i, near)) next[i] = *mean;
      }
      m.rotation.swap(next);
    }
    // The deformation stays whole: (whole * rotation) * stretch, before and after.
    for (std::size_t i = 0; i < f; ++i)
      if (marked[i] && !m.flat[i])
        m.stretch[i] = (m.whole * m.rotation[i]).toRotationMatrix().transpose() *
                       (m.whole * rotation[i]).toRotationMatrix() * stretch[i];
    const std::size_t now = crossings(marked);
    if (now >= left) {  // no better: undone, and the next pass turns a wider region
      m.rotation = rotation;
      m.stretch = stretch;
      marked = crossing;
      continue;
    }
    left = m.crossingsLeft = now;
  }
}

std::size_t ShapeInterpolation::crossingsFound() const {
  return impl_->crossingsFound;
}
std::size_t ShapeInterpolation::crossingsLeft() const {
  return impl_->crossingsLeft;
}

ShapeInterpolation::~ShapeInterpolation() = default;

std::vector<glm::vec3> ShapeInterpolation::at(double s) const {
  const Impl& m = *impl_;
  if (s <= 0.0) return fromMatrix(m.base);
  if (s >= 1.0) return fromMatrix(m.landed);
  const Eigen::MatrixX3d straight = (1.0 - s) * m.base + s * m.landed;
  Eigen::MatrixX3d rhs = Impl::kAnchor * straight;
  const Eigen::Quaterniond identity = Eigen::Quaterniond::Identity();
  const Eigen::Matrix3d whole = identity.slerp(s, m.whole).toRotationMatrix();
  for (std::size_t i = 0; i < m.triangles.size(); ++i) {
    const glm::uvec3 t = m.triangles[i];
    Eigen::Matrix3d deform = Eigen::Matrix3d::Identity();
    if (!m.flat[i])
      deform = whole * identity.slerp(s, m.rotation[i]).toRotationMatrix() *
               ((1.0 - s) * Eigen::Matrix3d::Identity() + s * m.stretch[i]);
    for (int k = 0; k < 3; ++k) {
      const auto a = static_cast<Eigen::Index>(t[k]), b = static_cast<Eigen::Index>(t[(k + 1) % 3]);
      const Eigen::RowVector3d d =
          m.flat[i] ? Eigen::RowVector3d(straight.row(a) - straight.row(b))
                    : Eigen::RowVector3d(
                          (deform * (m.base.row(a) - m.base.row(b)).transpose()).transpose());
      rhs.row(a) += d;
      rhs.row(b) -= d;
    }
  }
  return fromMatrix(m.solver.solve(rhs));
}

}  // namespace interp3d
