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
