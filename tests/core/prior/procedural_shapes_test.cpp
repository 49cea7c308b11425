#include "prior/procedural_shapes.h"

#include <gtest/gtest.h>

#include <glm/geometric.hpp>

#include "lattice/marching_tetrahedra.h"
#include "mesh/topology.h"

namespace interp3d {
namespace {

TEST(ProceduralShapes, SameSeedSameShapeOtherSeedOtherShape) {
  std::mt19937 a(7), b(7), c(8);
  const auto sa = generateShape(a), sb = generateShape(b), sc = generateShape(c);
  int differ = 0;
  for (int i = 0; i < 50; ++i) {
    const glm::vec3 p(0.017f * i - 0.4f, 0.3f - 0.011f * i, 0.005f * i);
    EXPECT_EQ(sa->distance(p), sb->distance(p));
    differ += sa->distance(p) != sc->distance(p);
  }
  EXPECT_GT(differ, 40);
}

TEST(ProceduralShapes, EveryGeneratedShapeIsASolidInsideTheUnitCubeThatMeshesClosed) {
  std::mt19937 rng(1);
  const GridSpec spec = GridSpec::unitCube(32, 3);
  for (int s = 0; s < 12; ++s) {
    const auto shape = generateShape(rng);
    const ScalarGrid grid = sampleDistance(*shape, spec);
    // Outside at the grid's border, inside somewhere.
    EXPECT_GT(grid.at(0, 0, 0), 0.0f) << shape->describe();
    EXPECT_LT(*std::min_element(grid.values.begin(), grid.values.end()), 0.0f) << shape->describe();
    const TexturedMesh mesh = extractZeroSurface(grid);
    ASSERT_GT(mesh.triangleCount(), 100u) << shape->describe();
    const TopologyStats topo = computeTopology(mesh);
    EXPECT_TRUE(topo.watertight()) << shape->describe();
    const BoundingBox box = boundingBox(mesh.positions);
    EXPECT_GT(box.diagonal(), 0.3f) << shape->describe();
    EXPECT_LT(box.max.x, 0.6f);  // fitted to about +-0.45, measured on a coarse grid
    EXPECT_GT(box.min.x, -0.6f);
    // Colours are valid.
    const glm::vec3 c = shape->color(mesh.positions[0]);
    for (int a = 0; a < 3; ++a) EXPECT_TRUE(c[a] >= 0.0f && c[a] <= 1.0f);
  }
}

TEST(ProceduralShapes, ADeformedShapeCarriesEveryPointToItsImage) {
  std::mt19937 rng(3);
  const auto shape = generateShape(rng);
  const Deformation d(rng, 0.1f);
  const DeformedShape deformed(*shape, d, 1.0f);
  float moved = 0.0f;
  for (int i = 0; i < 40; ++i) {
    const glm::vec3 p = shape->project(glm::vec3(0.02f * i - 0.4f, 0.1f, -0.05f));
    const glm::vec3 q = p + d.at(p);
    moved = std::max(moved, glm::length(q - p));
    EXPECT_NEAR(deformed.distance(q), shape->distance(p), 2e-3f);
    EXPECT_LT(glm::length(deformed.origin(q) - p), 2e-3f);
  }
  EXPECT_GT(moved, 0.01f);  // the deformation does something
}

}  // namespace
}  // namespace interp3d
