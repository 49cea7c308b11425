// The lattice layer's only translation unit with OpenVDB.
#include "lattice/adaptive_mesh.h"

#include <cmath>

#include <openvdb/openvdb.h>
#include <openvdb/tools/SignedFloodFill.h>
#include <openvdb/tools/VolumeToMesh.h>

namespace interp3d {

TexturedMesh adaptiveZeroSurface(const ScalarGrid& field, double adaptivity) {
  openvdb::initialize();
  const GridSpec& spec = field.spec;
  const float h = spec.spacing;
  const float band = 3.0f * h;
  auto grid = openvdb::FloatGrid::create(band);
  grid->setTransform(openvdb::math::Transform::createLinearTransform(h));
  grid->setGridClass(openvdb::GRID_LEVEL_SET);
  auto access = grid->getAccessor();
  const int n = spec.points();
  for (int k = 0; k < n; ++k)
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i) {
        float v = field.at(i, j, k);
        // The lattice's border is outside, so the surface is closed.
        if (i == 0 || j == 0 || k == 0 || i == n - 1 || j == n - 1 || k == n - 1)
          v = std::max(v, 0.5f * h);
        if (std::fabs(v) < band) access.setValue(openvdb::Coord(i, j, k), v);
      }
  openvdb::tools::signedFloodFill(grid->tree());
  std::vector<openvdb::Vec3s> points;
  std::vector<openvdb::Vec3I> triangles;
  std::vector<openvdb::Vec4I> quads;
  openvdb::tools::volumeToMesh(*grid, points, triangles, quads, 0.0, adaptivity);
  TexturedMesh m;
  m.positions.reserve(points.size());
  // Index space (in units of h) back to the lattice's coordinates.
  for (const openvdb::Vec3s& p : points)
    m.positions.push_back(spec.origin + glm::vec3(p.x(), p.y(), p.z()));
  // OpenVDB's polygons wind the other way round from ours.
  for (const openvdb::Vec3I& t : triangles) m.triangles.emplace_back(t.x(), t.z(), t.y());
  for (const openvdb::Vec4I& q : quads) {
    m.triangles.emplace_back(q[0], q[2], q[1]);
    m.triangles.emplace_back(q[0], q[3], q[2]);
  }
  Material material;
  material.name = "morph";
  m.materials = {material};
  m.materialIds.assign(m.triangles.size(), 0);
  computeVertexNormals(m);
  return m;
}

}  // namespace interp3d
