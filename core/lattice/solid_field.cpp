#include "lattice/solid_field.h"

#include <algorithm>
#include <cmath>

namespace interp3d {

namespace {
// Adds to `votes` the inside/outside parity of every lattice point from crossings of rows along
// `axis` (0, 1 or 2).
void rowParityVotes(const TexturedMesh& mesh, const GridSpec& spec, int axis,
                    std::vector<std::uint8_t>& votes) {
  const int b = (axis + 1) % 3, c = (axis + 2) % 3;
  const int n = spec.points();
  // Rows are offset by a tiny irrational fraction so they never pass exactly through a vertex or
  // edge.
  const float jitterB = 1.2345e-4f * spec.spacing, jitterC = 2.3456e-4f * spec.spacing;
  std::vector<std::vector<float>> rows(static_cast<std::size_t>(n) * n);
  for (const glm::uvec3& t : mesh.triangles) {
    const glm::vec3 p0 = mesh.positions[t.x], p1 = mesh.positions[t.y], p2 = mesh.positions[t.z];
    const float minB = std::min({p0[b], p1[b], p2[b]}), maxB = std::max({p0[b], p1[b], p2[b]});
    const float minC = std::min({p0[c], p1[c], p2[c]}), maxC = std::max({p0[c], p1[c], p2[c]});
    const int jb0 =
        std::max(0, static_cast<int>(std::ceil((minB - jitterB - spec.origin[b]) / spec.spacing)));
    const int jb1 = std::min(
        n - 1, static_cast<int>(std::floor((maxB - jitterB - spec.origin[b]) / spec.spacing)));
    const int jc0 =
        std::max(0, static_cast<int>(std::ceil((minC - jitterC - spec.origin[c]) / spec.spacing)));
    const int jc1 = std::min(
        n - 1, static_cast<int>(std::floor((maxC - jitterC - spec.origin[c]) / spec.spacing)));
    const float area = (p1[b] - p0[b]) * (p2[c] - p0[c]) - (p2[b] - p0[b]) * (p1[c] - p0[c]);
    if (area == 0.0f) continue;
    for (int jc = jc0; jc <= jc1; ++jc) {
      for (int jb = jb0; jb <= jb1; ++jb) {
        const float qb = spec.origin[b] + jb * spec.spacing + jitterB;
        const float qc = spec.origin[c] + jc * spec.spacing + jitterC;
        const float w1 = ((qb - p0[b]) * (p2[c] - p0[c]) - (p2[b] - p0[b]) * (qc - p0[c])) / area;
        const float w2 = ((p1[b] - p0[b]) * (qc - p0[c]) - (qb - p0[b]) * (p1[c] - p0[c])) / area;
        const float w0 = 1.0f - w1 - w2;
        if (w0 < 0.0f || w1 < 0.0f || w2 < 0.0f) continue;
        rows[static_cast<std::size_t>(jc) * n + jb].push_back(w0 * p0[axis] + w1 * p1[axis] +
                                                              w2 * p2[axis]);
      }
    }
  }
  for (int jc = 0; jc < n; ++jc) {
    for (int jb = 0; jb < n; ++jb) {
      std::vector<float>& row = rows[static_cast<std::size_t>(jc) * n + jb];
      if (row.empty()) continue;
      std::sort(row.begin(), row.end());
      std::size_t crossed = 0;
      for (int ja = 0; ja < n; ++ja) {
        const float x = spec.origin[axis] + ja * spec.spacing;
        while (crossed < row.size() && row[crossed] < x) ++crossed;
        if (crossed % 2 == 1) {
          glm::ivec3 ijk;
          ijk[axis] = ja, ijk[b] = jb, ijk[c] = jc;
          ++votes[spec.index(ijk.x, ijk.y, ijk.z)];
        }
      }
    }
  }
}
}  // namespace

ScalarGrid signedDistanceGrid(const TexturedMesh& mesh, const SurfaceQuery& query,
                              const GridSpec& spec) {
  std::vector<glm::vec3> lattice(spec.size());
  for (int k = 0; k < spec.points(); ++k)
    for (int j = 0; j < spec.points(); ++j)
      for (int i = 0; i < spec.points(); ++i) lattice[spec.index(i, j, k)] = spec.position(i, j, k);
  ScalarGrid grid;
  grid.spec = spec;
  grid.values = query.distance(lattice);
  std::vector<std::uint8_t> votes(spec.size(), 0);
  for (int axis = 0; axis < 3; ++axis) rowParityVotes(mesh, spec, axis, votes);
  for (std::size_t i = 0; i < votes.size(); ++i) {
    if (votes[i] >= 2) grid.values[i] = -grid.values[i];
  }
  return grid;
}

}  // namespace interp3d
