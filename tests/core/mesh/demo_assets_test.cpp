#include "mesh/demo_assets.h"

#include <gtest/gtest.h>

#include "mesh/topology.h"
#include "test_meshes.h"

namespace interp3d {
namespace {

TEST(DemoAssets, CreatureIsClosedGenusZeroOutwardAndTextured) {
  const TexturedMesh m = makeDemoCreature();
  const TopologyStats s = computeTopology(m);
  EXPECT_TRUE(s.watertight());
  EXPECT_EQ(s.components, 1u);
  EXPECT_EQ(s.eulerCharacteristic, 2);
  EXPECT_GT(testing::signedVolume(m), 0.0);
  ASSERT_TRUE(m.hasTexture());
  EXPECT_EQ(m.materials[0].baseColorTexture.width, 512);
}

TEST(DemoAssets, TorusIsClosedGenusOneOutwardAndTextured) {
  const TexturedMesh m = makeDemoTorus();
  const TopologyStats s = computeTopology(m);
  EXPECT_TRUE(s.watertight());
  EXPECT_EQ(s.eulerCharacteristic, 0);
  EXPECT_GT(testing::signedVolume(m), 0.0);
  EXPECT_TRUE(m.hasTexture());
}

TEST(DemoAssets, AreDeterministic) {
  const TexturedMesh a = makeDemoCreature(), b = makeDemoCreature();
  EXPECT_EQ(a.positions, b.positions);
  EXPECT_EQ(a.materials[0].baseColorTexture.rgba, b.materials[0].baseColorTexture.rgba);
}

}  // namespace
}  // namespace interp3d
