#include "lattice/solid_field.h"

#include <gtest/gtest.h>

#include "io/mesh_import.h"
#include "mesh/normalize.h"
#include "test_meshes.h"
#include "test_support.h"

namespace interp3d {
namespace {

TEST(SdfGrid, CubeInsideIsNegativeOutsideIsPositive) {
  TexturedMesh cube = testing::makeCube();
  normalizeToUnitCube(cube);  // [-0.5, 0.5]^3
  const SurfaceQuery q(cube, 1);
  const ScalarGrid g = signedDistanceGrid(cube, q, GridSpec::unitCube(16, 2));
  EXPECT_NEAR(g.sample(glm::vec3(0.0f)), -0.5f, 1e-4);
  EXPECT_NEAR(g.sample(glm::vec3(0.25f, 0.0f, 0.0f)), -0.25f, 1e-4);
  EXPECT_NEAR(g.sample(glm::vec3(0.0f, 0.0f, 0.5f + 1.0f / 16)), 1.0f / 16, 1e-4);
  int inside = 0;
  for (float v : g.values) inside += v < 0.0f;
  EXPECT_EQ(inside, 15 * 15 * 15);  // lattice points strictly inside
}

TEST(SdfGrid, OpenTeapotStillHasAnInside) {
  TexturedMesh teapot = loadMesh(testing::sharedAssets() / "untextured" / "teapot.obj").mesh;
  normalizeToUnitCube(teapot);
  const SurfaceQuery q(teapot, 2);
  const ScalarGrid g = signedDistanceGrid(teapot, q, GridSpec::unitCube(32, 2));
  EXPECT_LT(g.sample(boundingBox(teapot.positions).center() - glm::vec3(0.05f, 0.05f, 0.0f)), 0.0f);
  EXPECT_GT(g.sample(glm::vec3(0.45f, 0.45f, 0.45f)), 0.0f);
}

}  // namespace
}  // namespace interp3d
