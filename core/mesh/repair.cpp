#include "mesh/repair.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <queue>
#include <sstream>
#include <unordered_map>
#include <vector>

#include <glm/geometric.hpp>

#include "mesh/topology.h"
#include "util/progress.h"

namespace interp3d {

namespace {

std::uint64_t edgeKey(std::uint32_t a, std::uint32_t b) {
  return (std::uint64_t(std::min(a, b)) << 32) | std::max(a, b);
}

void flip(TexturedMesh& m, std::size_t f) {
  std::swap(m.triangles[f].y, m.triangles[f].z);
  if (m.hasUVs()) std::swap(m.cornerUVs[3 * f + 1], m.cornerUVs[3 * f + 2]);
}

// Whether face f traverses the directed edge a -> b.
bool traverses(const glm::uvec3& t, std::uint32_t a, std::uint32_t b) {
  for (int k = 0; k < 3; ++k)
    if (t[k] == a && t[(k + 1) % 3] == b) return true;
  return false;
}

std::string count(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::size_t RepairReport::shellCopies() const {
  const std::size_t kept = triangles - duplicateFaces - degenerateFaces;
  return kept > 0 ? 1 + (duplicateFaces + kept / 2) / kept : 1;
}

std::string RepairReport::describe() const {
  std::ostringstream os;
  const char* words[] = {"", "once", "twice", "three times", "four times"};
  const std::size_t copies = shellCopies();
  std::vector<std::string> parts;
  if (duplicateFaces) {
    parts.push_back(
        (copies > 1 ? std::string("the surface is written ") +
                          (copies < 5 ? words[copies] : (std::to_string(copies) + " times")) + " ("
                    : std::string("(")) +
        count(duplicateFaces, "duplicate face", "duplicate faces") + " removed)");
  }
  if (weldedVertices)
    parts.push_back(count(weldedVertices, "vertex", "vertices") +
                    " joined to another within a hair's breadth (cracks closed)");
  if (degenerateFaces)
    parts.push_back(count(degenerateFaces, "degenerate face", "degenerate faces") + " removed");
  if (flippedFaces)
    parts.push_back(count(flippedFaces, "flipped face", "flipped faces") + " turned");
  if (invertedComponents)
    parts.push_back(count(invertedComponents, "inside-out part", "inside-out parts") + " turned");
  // Pieces of surface joined along edges: suzanne's eyes are pieces of their own though they
  // touch her head at corners, so her one connected component (computeTopology) is 3 pieces.
  std::string shape = count(components, "piece", "pieces");
  if (openComponents)
    shape += ", " + std::to_string(openComponents) + " open (" +
             count(boundaryLoops, "hole or border", "holes or borders") + ")";
  parts.push_back(shape);
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

namespace {

// Where each vertex of `mesh` goes when cracks are closed: a vertex on the border of the surface
// (an edge of one face) within `fraction` of the borders' diagonal of an earlier border vertex goes
// to that one, every other vertex stays. A triangle soup, or parts whose seams were written with
// rounding cracks, become one surface; a closed surface, however fine its detail or close its
// touching parts (lips, a ring on a finger), is left as it is. Empty when nothing moves.
std::vector<std::uint32_t> crackWelds(const TexturedMesh& mesh, float fraction,
                                      const Progress* progress, std::size_t& merged) {
  merged = 0;
  const std::size_t n = mesh.positions.size();
  if (!(fraction > 0.0f) || n == 0) return {};
  std::vector<std::uint64_t> edges;
  edges.reserve(3 * mesh.triangles.size());
  for (const glm::uvec3& t : mesh.triangles)
    for (int k = 0; k < 3; ++k) {
      const auto [a, b] = std::minmax(t[k], t[(k + 1) % 3]);
      edges.push_back((std::uint64_t(a) << 32) | b);
    }
  std::sort(edges.begin(), edges.end());
  if (progress) progress->check();
  std::vector<std::uint8_t> border(n, 0);
  std::vector<glm::vec3> borderPoints;
  for (std::size_t i = 0; i < edges.size();) {
    std::size_t j = i;
    while (j < edges.size() && edges[j] == edges[i]) ++j;
    if (j - i == 1) border[edges[i] >> 32] = border[edges[i] & 0xffffffffu] = 1;
    i = j;
  }
  edges = {};
  for (std::size_t v = 0; v < n; ++v)
    if (border[v]) borderPoints.push_back(mesh.positions[v]);
  if (borderPoints.size() < 2) return {};
  const BoundingBox box = boundingBox(borderPoints);
  const float tolerance = fraction * box.diagonal();
  if (!(tolerance > 0.0f)) return {};
  auto cellOf = [&](const glm::vec3& p) {
    return glm::ivec3(glm::floor((p - box.min) / tolerance));
  };
  auto key = [](const glm::ivec3& c) {
    return (std::uint64_t(std::uint32_t(c.x) & 0x1fffff) << 42) |
           (std::uint64_t(std::uint32_t(c.y) & 0x1fffff) << 21) |
           std::uint64_t(std::uint32_t(c.z) & 0x1fffff);
  };
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> cells;
  std::vector<std::uint32_t> to(n);
  const float t2 = tolerance * tolerance;
  for (std::size_t v = 0; v < n; ++v) {
    to[v] = static_cast<std::uint32_t>(v);
    if (!border[v]) continue;
    if (progress && (v & 0xFFFF) == 0) progress->check();
    const glm::vec3 p = mesh.positions[v];
    const glm::ivec3 c = cellOf(p);
    std::int64_t found = -1;
    for (int z = -1; z <= 1 && found < 0; ++z)
      for (int y = -1; y <= 1 && found < 0; ++y)
        for (int x = -1; x <= 1 && found < 0; ++x) {
          const auto it = cells.find(key(c + glm::ivec3(x, y, z)));
          if (it == cells.end()) continue;
          for (std::uint32_t u : it->second) {
            const glm::vec3 d = mesh.positions[u] - p;
            if (glm::dot(d, d) <= t2) {
              found = u;
              break;
            }
          }
        }
    if (found >= 0) {
      to[v] = static_cast<std::uint32_t>(found);
      ++merged;
    } else {
      cells[key(c)].push_back(static_cast<std::uint32_t>(v));
    }
  }
  if (merged == 0) return {};
  return to;
}

// `mesh` with its vertices sent where `to` says, those sent away removed (no vertex is left
// without a face that was not so before).
TexturedMesh welded(const TexturedMesh& mesh, const std::vector<std::uint32_t>& to) {
  TexturedMesh out = mesh;
  std::vector<std::uint32_t> index(to.size(), 0);
  out.positions.clear();
  out.normals.clear();
  out.vertexColors.clear();
  for (std::size_t v = 0; v < to.size(); ++v) {
    if (to[v] != v) continue;
    index[v] = static_cast<std::uint32_t>(out.positions.size());
    out.positions.push_back(mesh.positions[v]);
    if (mesh.normals.size() == to.size()) out.normals.push_back(mesh.normals[v]);
    if (mesh.vertexColors.size() == to.size()) out.vertexColors.push_back(mesh.vertexColors[v]);
  }
  for (glm::uvec3& t : out.triangles)
    t = glm::uvec3(index[to[t.x]], index[to[t.y]], index[to[t.z]]);
  return out;
}

}  // namespace

TexturedMesh repairForSolid(const TexturedMesh& input, RepairReport* report,
                            const Progress* progress) {
  RepairReport r;
  r.triangles = input.triangleCount();
  // Cracks far below what the eye or the lattice sees closed first: faces that do not share their
  // corners are pieces of their own (and a frame made of the input would come apart).
  const std::vector<std::uint32_t> to =
      crackWelds(input, kWeldTolerance, progress, r.weldedVertices);
  const TexturedMesh joined = to.empty() ? TexturedMesh() : welded(input, to);
  const TexturedMesh& mesh = to.empty() ? input : joined;
  // Duplicate and degenerate faces out.
  TexturedMesh m = mesh;
  m.triangles.clear();
  m.materialIds.clear();
  m.cornerUVs.clear();
  // A face whose corners (in any order) an earlier face has is a duplicate: faces sorted by their
  // sorted corners put copies side by side (a hash map of a million faces took a second to free).
  std::vector<std::pair<std::array<std::uint32_t, 3>, std::uint32_t>> keyed;
  keyed.reserve(mesh.triangleCount());
  for (std::size_t f = 0; f < mesh.triangleCount(); ++f) {
    if (progress && (f & 0xFFFF) == 0) progress->check();
    const glm::uvec3 t = mesh.triangles[f];
    const glm::vec3 a = mesh.positions[t.x], b = mesh.positions[t.y], c = mesh.positions[t.z];
    const float area = glm::length(glm::cross(b - a, c - a));
    if (t.x == t.y || t.y == t.z || t.x == t.z || !(area > 0.0f)) {
      ++r.degenerateFaces;
      continue;
    }
    std::array<std::uint32_t, 3> key{t.x, t.y, t.z};
    std::sort(key.begin(), key.end());
    keyed.push_back({key, static_cast<std::uint32_t>(f)});
  }
  std::sort(keyed.begin(), keyed.end());
  if (progress) progress->check();
  std::vector<char> keep(mesh.triangleCount(), 0);
  for (std::size_t i = 0; i < keyed.size(); ++i) {
    if (i > 0 && keyed[i].first == keyed[i - 1].first)
      ++r.duplicateFaces;
    else
      keep[keyed[i].second] = 1;
  }
  keyed = {};
  for (std::size_t f = 0; f < mesh.triangleCount(); ++f) {
    if (!keep[f]) continue;
    m.triangles.push_back(mesh.triangles[f]);
    m.materialIds.push_back(mesh.materialIds[f]);
    if (mesh.hasUVs())
      for (int k = 0; k < 3; ++k) m.cornerUVs.push_back(mesh.cornerUVs[3 * f + k]);
  }

  // Faces around each undirected edge: the corners sorted by edge, so that the faces of an edge
  // are one run of `byEdge` (a hash map of vectors took seconds on a million faces).
  const std::size_t nf = m.triangleCount();
  std::vector<std::pair<std::uint64_t, std::uint32_t>> corners(3 * nf);
  for (std::size_t f = 0; f < nf; ++f)
    for (int k = 0; k < 3; ++k)
      corners[3 * f + k] = {edgeKey(m.triangles[f][k], m.triangles[f][(k + 1) % 3]),
                            static_cast<std::uint32_t>(3 * f + k)};
  if (progress) progress->check();
  std::sort(corners.begin(), corners.end());
  if (progress) progress->check();
  std::vector<std::uint32_t> byEdge(corners.size());       // faces, grouped by edge
  std::vector<std::uint32_t> runOfCorner(corners.size());  // corner -> its run's start in byEdge
  std::vector<std::uint32_t> runEnd(corners.size());       // a run's start -> its end
  for (std::size_t i = 0; i < corners.size();) {
    std::size_t j = i;
    while (j < corners.size() && corners[j].first == corners[i].first) ++j;
    for (std::size_t c = i; c < j; ++c) {
      byEdge[c] = corners[c].second / 3;
      runOfCorner[corners[c].second] = static_cast<std::uint32_t>(i);
    }
    runEnd[i] = static_cast<std::uint32_t>(j);
    i = j;
  }
  corners = {};
  // Turning a face reorders its corners, so an edge is found among the face's original ones.
  const std::vector<glm::uvec3> unturned = m.triangles;
  const auto facesAround = [&](std::size_t f, std::uint32_t a, std::uint32_t b) {
    const std::uint64_t key = edgeKey(a, b);
    int k = 0;
    while (k < 2 && edgeKey(unturned[f][k], unturned[f][(k + 1) % 3]) != key) ++k;
    const std::uint32_t start = runOfCorner[3 * f + k];
    return std::make_pair(byEdge.data() + start, byEdge.data() + runEnd[start]);
  };

  // Consistent winding: breadth-first across edges shared by exactly two faces. Within each
  // orientation island the faces that disagree with the island's first face are turned; the
  // smaller set is what counts as flipped.
  std::vector<int> component(nf, -1);
  std::vector<char> turned(nf, 0);
  int components = 0;
  for (std::size_t seed = 0; seed < nf; ++seed) {
    if (component[seed] >= 0) continue;
    if (progress) progress->check();
    std::vector<std::uint32_t> members{static_cast<std::uint32_t>(seed)};
    component[seed] = components;
    std::queue<std::uint32_t> queue;
    queue.push(static_cast<std::uint32_t>(seed));
    while (!queue.empty()) {
      const std::uint32_t f = queue.front();
      queue.pop();
      const glm::uvec3 t = m.triangles[f];
      for (int k = 0; k < 3; ++k) {
        const std::uint32_t a = t[k], b = t[(k + 1) % 3];
        const auto [first, last] = facesAround(f, a, b);
        for (const std::uint32_t* g_ = first; g_ != last; ++g_) {
          const std::uint32_t g = *g_;
          if (component[g] >= 0) continue;
          component[g] = components;
          members.push_back(g);
          // Across a manifold edge the neighbour must traverse b -> a.
          if (last - first == 2 && traverses(m.triangles[g], a, b)) {
            flip(m, g);
            turned[g] = 1;
          }
          queue.push(g);
        }
      }
    }
    std::size_t flipped = 0;
    for (std::uint32_t f : members) flipped += turned[f];
    if (2 * flipped > members.size()) {  // the seed was the odd one out: turn the rest back
      for (std::uint32_t f : members) {
        flip(m, f);
        turned[f] = !turned[f];
      }
      flipped = members.size() - flipped;
    }
    r.flippedFaces += flipped;

    // Closed or open, facing outwards: a negative volume turns the whole part.
    glm::dvec3 centre(0.0);
    for (std::uint32_t f : members) centre += glm::dvec3(m.positions[m.triangles[f].x]);
    centre /= static_cast<double>(members.size());
    double volume = 0.0;
    bool open = false;
    for (std::uint32_t f : members) {
      const glm::uvec3 t = m.triangles[f];
      const glm::dvec3 a = glm::dvec3(m.positions[t.x]) - centre,
                       b = glm::dvec3(m.positions[t.y]) - centre,
                       c = glm::dvec3(m.positions[t.z]) - centre;
      volume += glm::dot(a, glm::cross(b, c));
      for (int k = 0; k < 3; ++k) {
        const auto [first, last] = facesAround(f, t[k], t[(k + 1) % 3]);
        open = open || last - first == 1;
      }
    }
    if (volume < 0.0) {
      for (std::uint32_t f : members) flip(m, f);
      if (!open) ++r.invertedComponents;
    }
    r.openComponents += open;
    ++components;
  }
  r.components = static_cast<std::size_t>(components);
  if (progress) progress->check();
  r.boundaryLoops = computeTopology(m).boundaryLoops;
  if (progress) progress->check();
  computeVertexNormals(m);
  if (report) *report = r;
  return m;
}

}  // namespace interp3d
