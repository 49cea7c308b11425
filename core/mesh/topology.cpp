#include "mesh/topology.h"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

namespace interp3d {

namespace {
struct UnionFind {
  std::vector<std::uint32_t> parent;
  explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
  std::uint32_t find(std::uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void unite(std::uint32_t a, std::uint32_t b) { parent[find(a)] = find(b); }
};

struct HalfEdge {
  std::uint64_t key;  // min(a,b) << 32 | max(a,b)
  std::uint32_t from;
  std::uint32_t face;
  bool operator<(const HalfEdge& o) const { return key < o.key; }
};
}  // namespace

TopologyStats computeTopology(const TexturedMesh& mesh) {
  TopologyStats s;
  const std::size_t nv = mesh.positions.size();
  const std::size_t nf = mesh.triangles.size();

  std::vector<HalfEdge> half;
  half.reserve(3 * nf);
  std::vector<char> used(nv, 0);
  std::vector<char> validFace(nf, 1);
  for (std::size_t f = 0; f < nf; ++f) {
    const glm::uvec3& t = mesh.triangles[f];
    if (t.x == t.y || t.y == t.z || t.x == t.z) {
      ++s.degenerateTriangles;
      validFace[f] = 0;
      continue;
    }
    for (int k = 0; k < 3; ++k) {
      const std::uint32_t a = t[k], b = t[(k + 1) % 3];
      used[a] = 1;
      const std::uint64_t key = (std::uint64_t(std::min(a, b)) << 32) | std::max(a, b);
      half.push_back({key, a, static_cast<std::uint32_t>(f)});
    }
  }
  std::sort(half.begin(), half.end());

  // Edges; vertex-fan connectivity through manifold edges (for the non-manifold vertex test).
  UnionFind corners(3 * nf);  // corner id = 3f + k; corners around a vertex joined across edges
  auto cornerOf = [&](std::uint32_t f, std::uint32_t v) {
    const glm::uvec3& t = mesh.triangles[f];
    return 3 * f + (t.x == v ? 0 : t.y == v ? 1 : 2);
  };
  std::size_t edges = 0;
  std::vector<std::uint64_t> edgeKeys, boundaryKeys;
  for (std::size_t i = 0; i < half.size();) {
    std::size_t j = i;
    while (j < half.size() && half[j].key == half[i].key) ++j;
    const std::size_t count = j - i;
    ++edges;
    edgeKeys.push_back(half[i].key);
    if (count == 1) {
      ++s.boundaryEdges;
      boundaryKeys.push_back(half[i].key);
    } else if (count == 2) {
      if (half[i].from == half[i + 1].from) ++s.inconsistentEdges;
      const std::uint32_t a = static_cast<std::uint32_t>(half[i].key >> 32);
      const std::uint32_t b = static_cast<std::uint32_t>(half[i].key & 0xffffffffu);
      for (std::uint32_t v : {a, b})
        corners.unite(cornerOf(half[i].face, v), cornerOf(half[i + 1].face, v));
    } else {
      ++s.nonManifoldEdges;
    }
    i = j;
  }

  // A vertex is manifold when all its corners form one fan.
  std::vector<std::uint32_t> fanRoot(nv, UINT32_MAX);
  std::vector<char> badVertex(nv, 0);
  for (std::size_t f = 0; f < nf; ++f) {
    if (!validFace[f]) continue;
    for (int k = 0; k < 3; ++k) {
      const std::uint32_t v = mesh.triangles[f][k];
      const std::uint32_t root = corners.find(static_cast<std::uint32_t>(3 * f + k));
      if (fanRoot[v] == UINT32_MAX) {
        fanRoot[v] = root;
      } else if (fanRoot[v] != root) {
        badVertex[v] = 1;
      }
    }
  }
  s.nonManifoldVertices =
      static_cast<std::size_t>(std::count(badVertex.begin(), badVertex.end(), 1));

  // Components of triangles sharing vertices.
  UnionFind verts(nv);
  for (std::size_t f = 0; f < nf; ++f) {
    const glm::uvec3& t = mesh.triangles[f];
    verts.unite(t.x, t.y);
    verts.unite(t.y, t.z);
  }
  std::size_t usedCount = 0;
  for (std::size_t v = 0; v < nv; ++v) {
    if (!used[v]) continue;
    ++usedCount;
    if (verts.find(static_cast<std::uint32_t>(v)) == v) ++s.components;
  }
  const std::size_t validFaces = nf - s.degenerateTriangles;
  s.eulerCharacteristic =
      static_cast<long>(usedCount) - static_cast<long>(edges) + static_cast<long>(validFaces);

  // Per component: Euler characteristic and boundary loops, hence handles.
  std::vector<long> chi(nv, 0);  // indexed by the component's root vertex
  for (std::size_t v = 0; v < nv; ++v)
    if (used[v]) ++chi[verts.find(static_cast<std::uint32_t>(v))];
  for (std::uint64_t key : edgeKeys) --chi[verts.find(static_cast<std::uint32_t>(key >> 32))];
  for (std::size_t f = 0; f < nf; ++f)
    if (validFace[f]) ++chi[verts.find(mesh.triangles[f].x)];
  UnionFind loops(nv);
  for (std::uint64_t key : boundaryKeys)
    loops.unite(static_cast<std::uint32_t>(key >> 32),
                static_cast<std::uint32_t>(key & 0xffffffffu));
  std::vector<long> holes(nv, 0);
  std::vector<char> loopCounted(nv, 0);
  for (std::uint64_t key : boundaryKeys) {
    const std::uint32_t a = static_cast<std::uint32_t>(key >> 32), root = loops.find(a);
    if (loopCounted[root]) continue;
    loopCounted[root] = 1;
    ++holes[verts.find(a)];
    ++s.boundaryLoops;
  }
  for (std::size_t v = 0; v < nv; ++v) {
    if (!used[v] || verts.find(static_cast<std::uint32_t>(v)) != v) continue;
    const long handles = (2 - chi[v] - holes[v]) / 2;
    if (handles > 0) s.genus += static_cast<std::size_t>(handles);
  }
  return s;
}

}  // namespace interp3d
