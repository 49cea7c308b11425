// Open3D's legacy triangle mesh for its quadric decimation.
#include "geometry/decimate.h"

#include <limits>

#include <open3d/geometry/TriangleMesh.h>

namespace interp3d {

TexturedMesh decimate(const TexturedMesh& mesh, std::size_t maxTriangles) {
  if (mesh.triangleCount() <= maxTriangles) return mesh;
  open3d::geometry::TriangleMesh o3d;
  o3d.vertices_.reserve(mesh.positions.size());
  for (const glm::vec3& p : mesh.positions) o3d.vertices_.emplace_back(p.x, p.y, p.z);
  o3d.triangles_.reserve(mesh.triangles.size());
  for (const glm::uvec3& t : mesh.triangles)
    o3d.triangles_.emplace_back(static_cast<int>(t.x), static_cast<int>(t.y),
                                static_cast<int>(t.z));
  const auto simple = o3d.SimplifyQuadricDecimation(static_cast<int>(maxTriangles),
                                                    std::numeric_limits<double>::infinity(), 1.0);
  simple->RemoveUnreferencedVertices();
  simple->RemoveDegenerateTriangles();
  TexturedMesh out;
  out.positions.reserve(simple->vertices_.size());
  for (const Eigen::Vector3d& v : simple->vertices_)
    out.positions.emplace_back(static_cast<float>(v.x()), static_cast<float>(v.y()),
                               static_cast<float>(v.z()));
  for (const Eigen::Vector3i& t : simple->triangles_)
    out.triangles.emplace_back(static_cast<std::uint32_t>(t.x()), static_cast<std::uint32_t>(t.y()),
                               static_cast<std::uint32_t>(t.z()));
  Material material;
  material.name = "morph";
  out.materials = {material};
  out.materialIds.assign(out.triangles.size(), 0);
  computeVertexNormals(out);
  return out;
}

}  // namespace interp3d
