#include "geometry/surface_query.h"

#include <gtest/gtest.h>
#include <glm/geometric.hpp>

#include "geometry/surface_sampling.h"
#include "io/mesh_import.h"
#include "mesh/normalize.h"
#include "test_meshes.h"
#include "test_support.h"

namespace interp3d {
namespace {

TEST(SurfaceQuery, ClosestPointBarycentricsReproduceThePoint) {
  const TexturedMesh cube = testing::makeCube();
  const SurfaceQuery q(cube, 1);
  const auto hits = q.closest({{0.3f, 0.4f, 1.7f}, {-1.0f, 0.25f, 0.75f}});
  for (const SurfacePoint& h : hits) {
    const glm::uvec3 t = cube.triangles[h.triangle];
    const glm::vec3 p = (1 - h.barycentric.x - h.barycentric.y) * cube.positions[t.x] +
                        h.barycentric.x * cube.positions[t.y] +
                        h.barycentric.y * cube.positions[t.z];
    EXPECT_NEAR(glm::distance(p, h.position), 0.0f, 1e-5);
  }
  EXPECT_NEAR(hits[0].position.z, 1.0f, 1e-6);
  EXPECT_NEAR(hits[1].position.x, 0.0f, 1e-6);
}

TEST(SurfaceSampling, SamplesLieOnTheSurfaceAndAreReproducible) {
  const TexturedMesh cube = testing::makeCube();
  const auto a = sampleSurface(cube, 500, 7), b = sampleSurface(cube, 500, 7);
  ASSERT_EQ(a.size(), 500u);
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].point.position, b[i].point.position);
    const glm::vec3 p = a[i].point.position;
    const float toFace = std::min({p.x, p.y, p.z, 1 - p.x, 1 - p.y, 1 - p.z});
    EXPECT_NEAR(toFace, 0.0f, 1e-5);
  }
  EXPECT_NEAR(surfaceArea(cube), 6.0, 1e-9);
}

}  // namespace
}  // namespace interp3d

namespace interp3d {
namespace {

// Points that are not finite or absurdly far (from a user's landmark file, a broken prior) get a
// point of the surface, never a read out of bounds.
TEST(SurfaceQuery, PointsThatAreNotFiniteOrFarAwayStillGetASurfacePoint) {
  const TexturedMesh cube = testing::makeCube();
  const SurfaceQuery q(cube);
  const float inf = std::numeric_limits<float>::infinity(), nan = std::nanf("");
  const std::vector<glm::vec3> odd = {{nan, 0, 0},
                                      {inf, -inf, 0},
                                      {1e30f, 1e30f, -1e30f},
                                      {-3e38f, 0.5f, 0.5f},
                                      {0.5f, 0.5f, 1e20f}};
  const std::vector<SurfacePoint> p = q.closest(odd);
  ASSERT_EQ(p.size(), odd.size());
  for (const SurfacePoint& s : p) {
    EXPECT_LT(s.triangle, cube.triangleCount());
    for (int a = 0; a < 3; ++a) {
      EXPECT_TRUE(std::isfinite(s.position[a]));
      EXPECT_GE(s.position[a], -1e-4f);
      EXPECT_LE(s.position[a], 1.0f + 1e-4f);
    }
  }
  EXPECT_NEAR(p[4].position.z, 1.0f, 1e-4f);  // straight above the top face
  for (float d : q.distance(odd)) EXPECT_TRUE(std::isfinite(d));
}

}  // namespace
}  // namespace interp3d
