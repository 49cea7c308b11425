#include "mesh/topology.h"

#include <gtest/gtest.h>

#include "test_meshes.h"

namespace interp3d {
namespace {

TEST(Topology, CubeIsClosedManifoldGenusZero) {
  const TexturedMesh cube = testing::makeCube();
  EXPECT_GT(testing::signedVolume(cube), 0.99);  // outward orientation, volume 1
  const TopologyStats s = computeTopology(cube);
  EXPECT_EQ(s.components, 1u);
  EXPECT_TRUE(s.watertight());
  EXPECT_TRUE(s.manifold());
  EXPECT_EQ(s.eulerCharacteristic, 2);
}

TEST(Topology, RemovingATriangleOpensTheSurface) {
  TexturedMesh cube = testing::makeCube();
  cube.triangles.pop_back();
  cube.materialIds.pop_back();
  const TopologyStats s = computeTopology(cube);
  EXPECT_EQ(s.boundaryEdges, 3u);
  EXPECT_FALSE(s.watertight());
  EXPECT_TRUE(s.manifold());
}

TEST(Topology, TwoCubesAreTwoComponents) {
  TexturedMesh a = testing::makeCube();
  const TexturedMesh b = testing::makeCube();
  const auto offset = static_cast<std::uint32_t>(a.positions.size());
  for (const glm::vec3& p : b.positions) a.positions.push_back(p + glm::vec3(3, 0, 0));
  for (const glm::uvec3& t : b.triangles) a.triangles.push_back(t + glm::uvec3(offset));
  a.materialIds.resize(a.triangles.size(), 0);
  EXPECT_EQ(computeTopology(a).components, 2u);
}

TEST(Topology, ThreeTrianglesOnOneEdgeAreNonManifold) {
  TexturedMesh m;
  m.positions = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}};
  m.triangles = {{0, 1, 2}, {1, 0, 3}, {0, 1, 4}};
  m.materialIds = {0, 0, 0};
  const TopologyStats s = computeTopology(m);
  EXPECT_EQ(s.nonManifoldEdges, 1u);
  EXPECT_FALSE(s.manifold());
}

TEST(Topology, TwoConesTouchingAtAVertexMakeItNonManifold) {
  TexturedMesh m;
  // Two triangles sharing only vertex 0 (a bow tie).
  m.positions = {{0, 0, 0}, {1, 0, 0}, {1, 1, 0}, {-1, 0, 0}, {-1, -1, 0}};
  m.triangles = {{0, 1, 2}, {0, 3, 4}};
  m.materialIds = {0, 0};
  const TopologyStats s = computeTopology(m);
  EXPECT_EQ(s.nonManifoldVertices, 1u);
  EXPECT_EQ(s.components, 1u);
}

TEST(Topology, FlippedTriangleIsInconsistent) {
  TexturedMesh cube = testing::makeCube();
  std::swap(cube.triangles[0].y, cube.triangles[0].z);
  const TopologyStats s = computeTopology(cube);
  EXPECT_GT(s.inconsistentEdges, 0u);
  EXPECT_FALSE(s.watertight());
}

}  // namespace
}  // namespace interp3d

namespace interp3d {
namespace {

TEST(Topology, GenusCountsHandlesPerComponentAndHolesAreLoops) {
  DemoOptions d;
  d.longitudeSegments = 32;
  d.latitudeSegments = 16;
  d.textureSize = 16;
  const TexturedMesh torus = makeDemoTorus(d), creature = makeDemoCreature(d);
  EXPECT_EQ(computeTopology(torus).genus, 1u);
  EXPECT_EQ(computeTopology(creature).genus, 0u);
  // Two tori side by side: two handles, one per component.
  TexturedMesh two = torus;
  const auto offset = static_cast<std::uint32_t>(two.positions.size());
  for (std::size_t v = 0; v < torus.positions.size(); ++v)
    two.positions.push_back(torus.positions[v] + glm::vec3(5, 0, 0));
  for (std::size_t f = 0; f < torus.triangles.size(); ++f) {
    two.triangles.push_back(torus.triangles[f] + glm::uvec3(offset));
    two.materialIds.push_back(0);
  }
  two.cornerUVs.clear();
  const TopologyStats t = computeTopology(two);
  EXPECT_EQ(t.components, 2u);
  EXPECT_EQ(t.genus, 2u);
  // A cube with one triangle removed has one hole and no handle; with a face (two triangles)
  // removed, still one hole.
  TexturedMesh open = testing::makeCube();
  open.triangles.pop_back();
  open.materialIds.pop_back();
  open.cornerUVs.resize(3 * open.triangles.size());
  EXPECT_EQ(computeTopology(open).boundaryLoops, 1u);
  EXPECT_EQ(computeTopology(open).genus, 0u);
  open.triangles.pop_back();
  open.materialIds.pop_back();
  open.cornerUVs.resize(3 * open.triangles.size());
  EXPECT_EQ(computeTopology(open).boundaryLoops, 1u);
  EXPECT_EQ(computeTopology(open).genus, 0u);
}

}  // namespace
}  // namespace interp3d
