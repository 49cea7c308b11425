#include "lattice/marching_tetrahedra.h"

#include <gtest/gtest.h>
#include <glm/geometric.hpp>

#include "mesh/topology.h"
#include "test_meshes.h"

namespace interp3d {
namespace {

ScalarGrid sphereField(int cells, glm::vec3 centre, float radius) {
  ScalarGrid g(GridSpec::unitCube(cells, 2), 0.0f);
  const int n = g.spec.points();
  for (int k = 0; k < n; ++k)
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i)
        g.at(i, j, k) = glm::distance(g.spec.position(i, j, k), centre) - radius;
  return g;
}

TEST(MarchingTetrahedra, SphereIsClosedManifoldOutwardAndAccurate) {
  const ScalarGrid g = sphereField(32, glm::vec3(0.0f), 0.35f);
  const TexturedMesh m = extractZeroSurface(g);
  const TopologyStats s = computeTopology(m);
  EXPECT_TRUE(s.watertight());
  EXPECT_TRUE(s.manifold());
  EXPECT_EQ(s.components, 1u);
  EXPECT_EQ(s.eulerCharacteristic, 2);
  EXPECT_GT(testing::signedVolume(m), 0.0);
  for (const glm::vec3& p : m.positions) EXPECT_NEAR(glm::length(p), 0.35f, 0.01f);
}

TEST(MarchingTetrahedra, KeepLargestComponentsDropsSmallPieces) {
  ScalarGrid g = sphereField(32, glm::vec3(-0.2f, 0, 0), 0.2f);
  const ScalarGrid small = sphereField(32, glm::vec3(0.3f, 0, 0), 0.08f);
  for (std::size_t i = 0; i < g.values.size(); ++i)
    g.values[i] = std::min(g.values[i], small.values[i]);
  TexturedMesh m = extractZeroSurface(g);
  EXPECT_EQ(computeTopology(m).components, 2u);
  keepLargestComponents(m, 1);
  const TopologyStats s = computeTopology(m);
  EXPECT_EQ(s.components, 1u);
  EXPECT_TRUE(s.watertight());
  EXPECT_LT(boundingBox(m.positions).max.x, 0.05f);
}

}  // namespace
}  // namespace interp3d
