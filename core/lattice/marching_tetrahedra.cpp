#include "lattice/marching_tetrahedra.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include <glm/geometric.hpp>

namespace interp3d {

namespace {
// Cube corner c has offset (c & 1, (c >> 1) & 1, (c >> 2) & 1). The six tetrahedra of the Kuhn
// split all contain corners 0 and 7.
constexpr int kTets[6][4] = {{0, 1, 3, 7}, {0, 1, 5, 7}, {0, 2, 3, 7},
                             {0, 2, 6, 7}, {0, 4, 5, 7}, {0, 4, 6, 7}};
}  // namespace

TexturedMesh extractZeroSurface(const ScalarGrid& field) {
  const GridSpec& s = field.spec;
  const int n = s.points();
  // Values are kept a little away from zero so no surface vertex sits on a lattice point: there,
  // triangles of different tetrahedra would meet without sharing a vertex.
  const float minAbs = 1e-2f * s.spacing;
  auto value = [&](int i, int j, int k) {
    if (i == 0 || j == 0 || k == 0 || i == n - 1 || j == n - 1 || k == n - 1) return 1.0f;
    const float v = field.at(i, j, k);
    return std::fabs(v) >= minAbs ? v : (v < 0.0f ? -minAbs : minAbs);
  };

  TexturedMesh mesh;
  std::unordered_map<std::uint64_t, std::uint32_t> edgeVertex;
  auto vertexOn = [&](std::uint32_t a, std::uint32_t b, const glm::vec3& pa, const glm::vec3& pb,
                      float va, float vb) {
    const std::uint64_t key = a < b ? (std::uint64_t(a) << 32 | b) : (std::uint64_t(b) << 32 | a);
    auto [it, inserted] =
        edgeVertex.emplace(key, static_cast<std::uint32_t>(mesh.positions.size()));
    if (inserted) {
      const float t = va / (va - vb);
      mesh.positions.push_back(pa + t * (pb - pa));
    }
    return it->second;
  };

  std::uint32_t ids[8];
  glm::vec3 pos[8];
  float val[8];
  for (int k = 0; k + 1 < n; ++k) {
    for (int j = 0; j + 1 < n; ++j) {
      for (int i = 0; i + 1 < n; ++i) {
        int positive = 0;
        for (int c = 0; c < 8; ++c) {
          const int ci = i + (c & 1), cj = j + ((c >> 1) & 1), ck = k + ((c >> 2) & 1);
          val[c] = value(ci, cj, ck);
          positive += val[c] > 0.0f;
        }
        if (positive == 0 || positive == 8) continue;
        for (int c = 0; c < 8; ++c) {
          const int ci = i + (c & 1), cj = j + ((c >> 1) & 1), ck = k + ((c >> 2) & 1);
          ids[c] = static_cast<std::uint32_t>(s.index(ci, cj, ck));
          pos[c] = s.position(ci, cj, ck);
        }
        for (const auto& tet : kTets) {
          int in[4], out[4], ni = 0, no = 0;
          for (int c : tet) (val[c] > 0.0f ? out[no++] : in[ni++]) = c;
          if (ni == 0 || no == 0) continue;
          auto v = [&](int a, int b) {
            return vertexOn(ids[a], ids[b], pos[a], pos[b], val[a], val[b]);
          };
          glm::vec3 inC(0.0f), outC(0.0f);
          for (int q = 0; q < ni; ++q) inC += pos[in[q]] / float(ni);
          for (int q = 0; q < no; ++q) outC += pos[out[q]] / float(no);
          const glm::vec3 outward = outC - inC;
          auto emit = [&](std::uint32_t a, std::uint32_t b, std::uint32_t c) {
            const glm::vec3 nrm = glm::cross(mesh.positions[b] - mesh.positions[a],
                                             mesh.positions[c] - mesh.positions[a]);
            if (glm::dot(nrm, outward) < 0.0f) std::swap(b, c);
            mesh.triangles.emplace_back(a, b, c);
          };
          if (ni == 1 || no == 1) {
            const int apex = ni == 1 ? in[0] : out[0];
            const int* others = ni == 1 ? out : in;
            emit(v(apex, others[0]), v(apex, others[1]), v(apex, others[2]));
          } else {
            // Quad with corners on edges in0-out0, in0-out1, in1-out1, in1-out0 (a cycle).
            const std::uint32_t a = v(in[0], out[0]), b = v(in[0], out[1]), c = v(in[1], out[1]),
                                d = v(in[1], out[0]);
            emit(a, b, c);
            emit(a, c, d);
          }
        }
      }
    }
  }
  // Zero-area triangles (a vertex shared by an edge whose end value is tiny) are kept: they are
  // still topologically valid. Material and normals for the caller's convenience.
  mesh.materialIds.assign(mesh.triangles.size(), 0);
  mesh.materials.emplace_back();
  computeVertexNormals(mesh);
  return mesh;
}

namespace {
// Surface area per connected component, keyed by a root vertex, with the union-find of vertices.
struct ComponentAreas {
  std::vector<std::uint32_t> parent;
  std::unordered_map<std::uint32_t, double> area;
  std::uint32_t find(std::uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  explicit ComponentAreas(const TexturedMesh& mesh) : parent(mesh.positions.size()) {
    std::iota(parent.begin(), parent.end(), 0u);
    for (const glm::uvec3& t : mesh.triangles) {
      parent[find(t.x)] = find(t.y);
      parent[find(t.y)] = find(t.z);
    }
    for (const glm::uvec3& t : mesh.triangles)
      area[find(t.x)] += 0.5 * glm::length(glm::cross(mesh.positions[t.y] - mesh.positions[t.x],
                                                      mesh.positions[t.z] - mesh.positions[t.x]));
  }
};
}  // namespace

double smallestComponentShare(const TexturedMesh& mesh) {
  ComponentAreas c(mesh);
  double total = 0.0, smallest = 0.0;
  for (const auto& [root, a] : c.area) {
    total += a;
    smallest = smallest == 0.0 ? a : std::min(smallest, a);
  }
  return total > 0.0 ? smallest / total : 1.0;
}

void keepLargestComponents(TexturedMesh& mesh, std::size_t count, double minShare) {
  const std::size_t nv = mesh.positions.size();
  ComponentAreas components(mesh);
  const auto& size = components.area;
  std::vector<std::pair<double, std::uint32_t>> order;
  for (auto [root, n] : size) order.emplace_back(n, root);
  std::sort(order.rbegin(), order.rend());
  double keptArea = 0.0;
  for (std::size_t i = 0; i < count && i < order.size(); ++i) keptArea += order[i].first;
  std::unordered_map<std::uint32_t, bool> keep;
  for (std::size_t i = 0; i < count && i < order.size(); ++i)
    if (i == 0 || order[i].first >= minShare * keptArea) keep[order[i].second] = true;
  if (keep.size() == size.size()) return;

  TexturedMesh out;
  out.materials = mesh.materials;
  std::vector<std::uint32_t> remap(nv, UINT32_MAX);
  for (std::size_t f = 0; f < mesh.triangles.size(); ++f) {
    const glm::uvec3& t = mesh.triangles[f];
    if (!keep.count(components.find(t.x))) continue;
    glm::uvec3 nt;
    for (int k = 0; k < 3; ++k) {
      if (remap[t[k]] == UINT32_MAX) {
        remap[t[k]] = static_cast<std::uint32_t>(out.positions.size());
        out.positions.push_back(mesh.positions[t[k]]);
        if (!mesh.vertexColors.empty()) out.vertexColors.push_back(mesh.vertexColors[t[k]]);
      }
      nt[k] = remap[t[k]];
    }
    out.triangles.push_back(nt);
    out.materialIds.push_back(mesh.materialIds[f]);
    if (mesh.hasUVs()) {
      for (int k = 0; k < 3; ++k) out.cornerUVs.push_back(mesh.cornerUVs[3 * f + k]);
    }
  }
  computeVertexNormals(out);
  mesh = std::move(out);
}

}  // namespace interp3d
