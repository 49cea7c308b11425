#include "mesh/roughness.h"

#include <gtest/gtest.h>

#include "io/mesh_import.h"
#include "mesh/subdivide.h"
#include "test_support.h"

namespace interp3d {
namespace {

TEST(Roughness, ALargeMeshMeasuredOnASubsampleScoresAsItsSmallerSelf) {
  const TexturedMesh spot = loadMesh(testing::sharedAssets() / "spot" / "spot.obj").mesh;
  // Midpoint subdivision keeps every face's plane: the same surface with 4x or 64x the faces.
  const TexturedMesh small = subdivideMidpoint(spot, 1);
  const TexturedMesh large = subdivideMidpoint(spot, 3);
  ASSERT_LT(small.triangleCount(), kExactFaces);
  ASSERT_GT(large.triangleCount(), 4 * kExactFaces);
  const double exact = surfaceRoughness(small), sampled = surfaceRoughness(large);
  EXPECT_GT(exact, 0.0);
  EXPECT_NEAR(sampled, exact, 0.05 * exact);
}

TEST(Roughness, ACreasedSurfaceScoresHigherThanASmoothOne) {
  TexturedMesh spot = loadMesh(testing::sharedAssets() / "spot" / "spot.obj").mesh;
  const double smooth = surfaceRoughness(spot);
  // Every vertex pushed in or out by turns: a surface of creases.
  for (std::size_t v = 0; v < spot.positions.size(); ++v)
    spot.positions[v] *= (v % 2 ? 1.02f : 0.98f);
  EXPECT_GT(surfaceRoughness(spot), 3.0 * smooth);
}

}  // namespace
}  // namespace interp3d
