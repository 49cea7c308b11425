#include "morph/mesh_frame.h"

#include <cmath>

#include <gtest/gtest.h>
#include <glm/geometric.hpp>

#include "lattice/adaptive_mesh.h"
#include "mesh/roughness.h"
#include "test_meshes.h"

namespace interp3d {
namespace {

ScalarGrid sphereField(float radius) {
  ScalarGrid g(GridSpec::unitCube(40, 3), 0.0f);
  testing::fillGrid(
      g, [&](int i, int j, int k) { return glm::length(g.spec.position(i, j, k)) - radius; });
  return g;
}

TEST(MeshFrame, AnInputSettlesOnTheFramesSurfaceKeepingItsConnectivity) {
  const TexturedMesh input = testing::makeSphere(0.3f, glm::vec3(0.02f, 0, 0), 48);
  const ScalarGrid field = sphereField(0.36f);
  const TexturedMesh surface = adaptiveZeroSurface(field);
  const MeshFrameFit fit =
      fitMeshToFrame(input, std::vector<std::uint8_t>(input.positions.size(), 0), field, surface,
                     surfaceRoughness(surface), 0.5, {}, 2);
  EXPECT_TRUE(fit.acceptable({})) << fit.residual << " " << fit.coverage << " " << fit.flipped;
  EXPECT_LT(fit.residual, 0.05);
  EXPECT_GT(fit.coverage, 0.99);
  EXPECT_EQ(fit.mesh.triangles, input.triangles);
  for (const glm::vec3& p : fit.mesh.positions) ASSERT_NEAR(glm::length(p), 0.36f, 0.01f);
  // At its own end the frame is the input itself; part of the way there, in between.
  const MeshFrameFit atEnd =
      fitMeshToFrame(input, std::vector<std::uint8_t>(input.positions.size(), 0), field, surface,
                     surfaceRoughness(surface), 0.0, {}, 2);
  EXPECT_EQ(atEnd.mesh.positions, input.positions);
  const MeshFrameFit near =
      fitMeshToFrame(input, std::vector<std::uint8_t>(input.positions.size(), 0), field, surface,
                     surfaceRoughness(surface), 0.1, {}, 2);
  const float r = glm::length(near.mesh.positions[5]);
  EXPECT_GT(r, 0.30f);
  EXPECT_LT(r, 0.36f);
}

TEST(MeshFrame, AMeshOfTheWrongTopologyIsNotAccepted) {
  // A sphere cannot settle on a torus (radii 0.25 and 0.1 about z): it spans the hole.
  ScalarGrid field(GridSpec::unitCube(40, 3), 0.0f);
  const int n = field.spec.points();
  for (int k = 0; k < n; ++k)
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i) {
        const glm::vec3 p = field.spec.position(i, j, k);
        const float q = std::sqrt(p.x * p.x + p.y * p.y) - 0.25f;
        field.at(i, j, k) = std::sqrt(q * q + p.z * p.z) - 0.1f;
      }
  const TexturedMesh surface = adaptiveZeroSurface(field);
  const TexturedMesh sphere = testing::makeSphere(0.3f);
  const MeshFrameFit fit =
      fitMeshToFrame(sphere, std::vector<std::uint8_t>(sphere.positions.size(), 0), field, surface,
                     surfaceRoughness(surface), 0.5, {}, 2);
  EXPECT_FALSE(fit.acceptable({}))
      << fit.residual << " " << fit.coverage << " " << fit.flipped << " " << fit.roughness;
  EXPECT_GT(fit.spanning, 0.01);  // the membrane over the hole
}

}  // namespace
}  // namespace interp3d
