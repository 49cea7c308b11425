#include "lattice/adaptive_mesh.h"

#include <gtest/gtest.h>
#include <glm/geometric.hpp>

#include "lattice/marching_tetrahedra.h"
#include "mesh/topology.h"
#include "test_meshes.h"

namespace interp3d {
namespace {

TEST(AdaptiveMesh, ASphereComesOutClosedOnItsSurfaceWithFewerTrianglesThanMarching) {
  ScalarGrid g(GridSpec::unitCube(48, 3), 0.0f);
  testing::fillGrid(
      g, [&](int i, int j, int k) { return glm::length(g.spec.position(i, j, k)) - 0.35f; });
  const TexturedMesh m = adaptiveZeroSurface(g, 0.05);
  const TopologyStats t = computeTopology(m);
  EXPECT_TRUE(t.watertight());
  EXPECT_TRUE(t.manifold());
  EXPECT_EQ(t.components, 1u);
  EXPECT_EQ(t.genus, 0u);
  for (const glm::vec3& p : m.positions) ASSERT_NEAR(glm::length(p), 0.35f, 0.15f * g.spec.spacing);
  // Outward: the first triangle's normal points away from the centre.
  const glm::uvec3 f = m.triangles[0];
  const glm::vec3 normal =
      glm::cross(m.positions[f.y] - m.positions[f.x], m.positions[f.z] - m.positions[f.x]);
  EXPECT_GT(glm::dot(normal, m.positions[f.x]), 0.0f);
  EXPECT_LT(m.triangleCount(), extractZeroSurface(g).triangleCount() / 2);
}

}  // namespace
}  // namespace interp3d
