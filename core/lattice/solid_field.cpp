#include "lattice/solid_field.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>

#include <glm/common.hpp>
#include <glm/geometric.hpp>

#include "geometry/surface_sampling.h"
#include "geometry/winding_number.h"
#include "lattice/morphology.h"
#include "lattice/redistance.h"
#include "mesh/topology.h"
#include "util/error.h"

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

namespace {

// Calls visit(r) for each of the (up to) six lattice neighbours r of point p.
template <typename Visit>
void forEachNeighbour(const GridSpec& spec, std::size_t p, Visit&& visit) {
  const int n = spec.points();
  const glm::ivec3 at = spec.point(p);
  const int i = at.x, j = at.y, k = at.z;
  const int nb[6][3] = {{i - 1, j, k}, {i + 1, j, k}, {i, j - 1, k},
                        {i, j + 1, k}, {i, j, k - 1}, {i, j, k + 1}};
  for (const auto& c : nb) {
    if (c[0] < 0 || c[1] < 0 || c[2] < 0 || c[0] >= n || c[1] >= n || c[2] >= n) continue;
    visit(spec.index(c[0], c[1], c[2]));
  }
}

std::string percent(double f) {
  // "97%", "99.8%", "100%": one decimal between 99.5% and 99.95%, where a whole percent would
  // read as all of it (std::ostringstream's default notation printed 99.96% as "1e+02%").
  std::ostringstream os;
  os.setf(std::ios::fixed);
  os.precision(f > 0.995 && f < 0.9995 ? 1 : 0);
  os << 100.0 * f << "%";
  return os.str();
}

}  // namespace

std::string SolidField::describe() const {
  std::string out = repair.describe();
  if (cappedPoints) out += "; openings closed";
  if (pocketPoints) out += "; enclosed pockets filled";
  if (sheetPoints) out += "; open sheets made into slabs";
  if (handlesRemoved)
    out += "; " + std::to_string(handlesRemoved) +
           (handlesRemoved == 1 ? " pinhole" : " pinholes") + " of the lattice closed";
  return out + "; " + percent(keptSurface) + " of the surface on the solid";
}

SolidField solidField(const TexturedMesh& input, const GridSpec& spec, const SolidOptions& options,
                      const Progress& progress) {
  SolidField out;
  out.mesh = repairForSolid(input, &out.repair, &progress);
  const TexturedMesh& mesh = out.mesh;
  if (mesh.triangles.empty()) throw MeshError("the mesh has no triangle with a non-zero area");
  out.query = std::make_unique<SurfaceQuery>(mesh, options.threads);
  const SurfaceQuery& query = *out.query;
  progress.check();
  const int n = spec.points();
  const float h = spec.spacing;
  std::vector<glm::vec3> lattice(spec.size());
  for (int k = 0; k < n; ++k)
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i) lattice[spec.index(i, j, k)] = spec.position(i, j, k);
  // Exact distances to the mesh are needed only beside open sheets and beside the solid's
  // boundary; the rest of the lattice is swept from those (the far points are the costly queries).
  std::vector<float> distance(spec.size(), -1.0f);  // -1: not queried
  auto queryDistances = [&](const std::vector<std::size_t>& points) {
    std::vector<glm::vec3> at(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) at[i] = lattice[points[i]];
    const std::vector<float> d = query.distance(at, &progress);
    for (std::size_t i = 0; i < points.size(); ++i) distance[points[i]] = d[i];
  };

  // Winding numbers at every lattice point (the tree makes far points cheap), read a hair off
  // each point so that a surface through it (a flat sheet, a face in a lattice plane) leaves it
  // on one side. A flood fill of regions between would leak through any hole.
  const WindingNumber winding(mesh);
  const glm::vec3 jitter = glm::vec3(1.2345e-4f, 2.3456e-4f, 3.4567e-4f) * h;
  std::vector<glm::vec3> shifted(lattice.size());
  for (std::size_t p = 0; p < lattice.size(); ++p) shifted[p] = lattice[p] + jitter;
  const std::vector<double> w = winding.at(shifted, options.threads, &progress);
  progress.check();

  // 1 inside, 0 outside, -2 a winding number neither near 0 nor near 1 (beside an open sheet,
  // near the rim of a hole, inside a bowl).
  constexpr std::int8_t kAmbiguous = -2;
  std::vector<std::int8_t> inside(spec.size());
  std::vector<std::uint8_t> sheet(spec.size(), 0);
  const float slab = options.sheetHalfThickness * h;
  auto ambiguous = [&](std::size_t p) {
    return !(w[p] > options.sheetWindingHigh) && !(std::fabs(w[p]) < options.sheetWindingLow);
  };
  for (std::size_t p = 0; p < spec.size(); ++p)
    inside[p] = ambiguous(p) ? kAmbiguous : w[p] > options.sheetWindingHigh ? 1 : 0;
  // Ambiguous points are inside where the winding number is over one half and they are joined to
  // a sure inside point through such points: the level set w = 1/2 is smooth (w is harmonic off
  // the surface), so a hole's rim or a shell cut open is closed across by a smooth cap. A lone
  // sheet, flat or gently curved, has no sure inside (|w| stays under 3/4, and under 1/2 beside a
  // flat one): it is left to become a slab, not a lens. (Taking the side of the nearest sure
  // point instead left ragged caps full of tunnels: a cow cut in half made a solid of 3 parts and
  // genus 16.)
  std::vector<std::size_t> queue;
  for (std::size_t p = 0; p < spec.size(); ++p)
    if (inside[p] == 1) queue.push_back(p);
  for (std::size_t q = 0; q < queue.size(); ++q)
    forEachNeighbour(spec, queue[q], [&](std::size_t r) {
      if (inside[r] != kAmbiguous || !(w[r] > options.insideWinding)) return;
      inside[r] = 1;
      ++out.cappedPoints;
      queue.push_back(r);
    });
  std::vector<std::size_t> stillAmbiguous, outsideNearSheet;
  for (std::size_t p = 0; p < spec.size(); ++p)
    if (inside[p] == kAmbiguous) stillAmbiguous.push_back(p);
  queryDistances(stillAmbiguous);
  for (std::size_t p : stillAmbiguous) {
    inside[p] = 0;
    if (distance[p] < slab) outsideNearSheet.push_back(p);
  }
  // Within the slab's half thickness of a sheet that has the outside on both sides, points are
  // inside: an open sheet becomes a slab. Where the other side of the sheet (the point mirrored
  // across it) is inside, the sheet bounds the solid and stays its boundary; beside its rim it
  // is not thickened (a hole's rim would grow a lip).
  if (!outsideNearSheet.empty()) {
    std::vector<glm::vec3> near(outsideNearSheet.size());
    for (std::size_t i = 0; i < near.size(); ++i) near[i] = lattice[outsideNearSheet[i]];
    const std::vector<SurfacePoint> closest = query.closest(near, &progress);
    for (std::size_t i = 0; i < near.size(); ++i) {
      // Beyond a rim (the closest point on an open edge, off to the side) is no sheet's side.
      const glm::uvec3& t = mesh.triangles[closest[i].triangle];
      const glm::vec3 normal = glm::cross(mesh.positions[t.y] - mesh.positions[t.x],
                                          mesh.positions[t.z] - mesh.positions[t.x]);
      const glm::vec3 off = near[i] - closest[i].position;
      // (A point on the sheet itself, within a tenth of a cell, is in the slab whatever the
      // direction of its tiny offset.)
      const float lengths = glm::length(normal) * glm::length(off);
      if (glm::length(off) > 0.1f * h && std::fabs(glm::dot(normal, off)) < 0.7f * lengths)
        continue;
      // A cell or more across, so that rounding to a lattice point does not land on this side.
      const float d = glm::length(off);
      const glm::vec3 across = closest[i].position - off * (std::max(d, h) / std::max(d, 1e-12f));
      const glm::ivec3 c = glm::ivec3(glm::round((across - spec.origin) / h));
      if (c.x >= 0 && c.y >= 0 && c.z >= 0 && c.x < n && c.y < n && c.z < n &&
          inside[spec.index(c.x, c.y, c.z)] == 1)
        continue;
      sheet[outsideNearSheet[i]] = 1;
    }
    for (std::size_t p : outsideNearSheet)
      if (sheet[p]) {
        inside[p] = 1;
        ++out.sheetPoints;
      }
  }
  // Pockets of outside that the lattice's outside does not reach (bubbles left where the winding
  // number dips below one half inside a cap, the inside of an internal shell) are filled: no
  // surface of the solid lies within it.
  {
    std::vector<std::uint8_t> reached(spec.size(), 0);
    queue.clear();
    for (int k = 0; k < n; ++k)
      for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i) {
          if (i > 0 && j > 0 && k > 0 && i < n - 1 && j < n - 1 && k < n - 1) continue;
          const std::size_t p = spec.index(i, j, k);
          if (!inside[p]) reached[p] = 1, queue.push_back(p);
        }
    for (std::size_t q = 0; q < queue.size(); ++q)
      forEachNeighbour(spec, queue[q], [&](std::size_t r) {
        if (!inside[r] && !reached[r]) reached[r] = 1, queue.push_back(r);
      });
    for (std::size_t p = 0; p < spec.size(); ++p)
      if (!inside[p] && !reached[p]) inside[p] = 1, ++out.pocketPoints;
  }
  progress.check();

  // Distances to the solid's own boundary: exact beside it, swept outwards from there.
  std::vector<std::uint8_t> fixed(spec.size(), 0);
  std::vector<float> u(spec.size(), 1e30f);
  std::vector<std::size_t> boundary, unknown;
  for (std::size_t p = 0; p < spec.size(); ++p) {
    bool beside = false;
    forEachNeighbour(spec, p, [&](std::size_t r) { beside |= inside[r] != inside[p]; });
    if (!beside) continue;
    boundary.push_back(p);
    if (distance[p] < 0.0f) unknown.push_back(p);
  }
  queryDistances(unknown);
  for (std::size_t p : boundary) {
    // Across a cap the boundary is where the winding number passes one half, not on the mesh
    // (which may be cells away): it is placed there, linearly between the two points.
    float cap = std::numeric_limits<float>::max();
    forEachNeighbour(spec, p, [&](std::size_t r) {
      if (inside[r] != inside[p] && ambiguous(p) && ambiguous(r) && !sheet[p] && !sheet[r] &&
          w[p] != w[r])
        cap = std::min(
            cap, static_cast<float>(h * std::fabs((w[p] - options.insideWinding) / (w[p] - w[r]))));
    });
    fixed[p] = 1;
    u[p] = sheet[p] ? std::fabs(distance[p] - slab) : std::min(distance[p], cap);
  }
  sweepDistances(u, fixed, spec);
  out.sdf.spec = spec;
  out.sdf.values.resize(spec.size());
  for (std::size_t p = 0; p < spec.size(); ++p) out.sdf.values[p] = inside[p] ? -u[p] : u[p];
  progress.check();

  // Thin walls can come out of the lattice with pinholes: tunnels a mesh of one part does not
  // have. They are closed (a closing fills tunnels thinner than the radius and moves nothing
  // else).
  const TopologyStats meshTopology = computeTopology(mesh);
  const TopologyStats solidTopology = surfaceTopology(out.sdf, SIZE_MAX);
  out.genus = solidTopology.genus;
  if (meshTopology.components == 1 && out.genus > meshTopology.genus) {
    for (int r = 1; r <= options.handleRepairCells && out.genus > meshTopology.genus; ++r) {
      ScalarGrid filled = closed(out.sdf, static_cast<float>(r) * h);
      const TopologyStats t = surfaceTopology(filled, SIZE_MAX);
      if (t.genus < out.genus && t.components >= 1 && t.components <= solidTopology.components) {
        out.handlesRemoved += out.genus - t.genus;
        out.genus = t.genus;
        out.sdf = std::move(filled);
      }
    }
  }
  progress.check();

  // How much of the input's surface the solid keeps on its boundary.
  const std::vector<SurfaceSample> samples = sampleSurface(mesh, 20000, 7);
  std::size_t kept = 0;
  for (const SurfaceSample& s : samples) kept += std::fabs(out.sdf.sample(s.point.position)) < h;
  out.keptSurface = samples.empty() ? 0.0 : static_cast<double>(kept) / samples.size();
  if (out.keptSurface < options.minKeptSurface) {
    throw MeshError("the solid made of this mesh keeps only " + percent(out.keptSurface) +
                    " of its surface (" + out.repair.describe() +
                    "); the rest is inside it or cancels out");
  }
  return out;
}

}  // namespace interp3d
