#include "render/mesh_picking.h"

#include <gtest/gtest.h>

#include "geometry/surface_query.h"
#include "test_meshes.h"

namespace interp3d {
namespace {

TEST(MeshPicking, TheRayMeetsTheNearSideAndPointsSnapToTheSurface) {
  const TexturedMesh cube = testing::makeCube();  // [0, 1]^3
  const Ray ray{glm::vec3(0.6f, 0.7f, 5.0f), glm::vec3(0.0f, 0.0f, -1.0f)};
  const std::optional<glm::vec3> hit = firstHit(cube, ray);
  ASSERT_TRUE(hit);
  EXPECT_NEAR(hit->z, 1.0f, 1e-5f);  // the near face, not the far one
  EXPECT_NEAR(hit->x, 0.6f, 1e-5f);
  EXPECT_FALSE(firstHit(cube, Ray{glm::vec3(2.0f, 0.5f, 5.0f), glm::vec3(0, 0, -1)}));
  // A point off the surface goes back onto it by SurfaceQuery's closest point (what Mirror uses).
  const glm::vec3 snapped = SurfaceQuery(cube).closest({glm::vec3(0.6f, 1.4f, 0.5f)})[0].position;
  EXPECT_NEAR(snapped.y, 1.0f, 1e-5f);
  EXPECT_NEAR(snapped.x, 0.6f, 1e-5f);
}

}  // namespace
}  // namespace interp3d
