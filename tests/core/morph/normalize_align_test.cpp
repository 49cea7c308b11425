#include "morph/normalize_align.h"

#include <cmath>

#include <gtest/gtest.h>
#include <glm/geometric.hpp>

#include "test_meshes.h"

namespace interp3d {
namespace {

TexturedMesh moved(TexturedMesh m, float scale, glm::vec3 offset) {
  for (glm::vec3& p : m.positions) p = p * scale + offset;
  return m;
}

TEST(NormalizeAlign, BothMeshesFitTheUnitCubeAndFramesGoBackToUserUnits) {
  const TexturedMesh source = moved(testing::makeSphere(1.0f), 10.0f, {100, 0, 0});
  const TexturedMesh target = moved(testing::makeCube(), 0.01f, {0, -3, 0});
  const NormalizedPair pair = normalizeAndAlign(source, target, {}, 0);
  for (const UnitMesh* m : {&pair.source, &pair.target}) {
    const BoundingBox box = boundingBox(m->unit.positions);
    EXPECT_NEAR(std::max({box.size().x, box.size().y, box.size().z}), 1.0f, 1e-5f);
    EXPECT_NEAR(glm::length(box.center()), 0.0f, 1e-4f);
    EXPECT_EQ(m->components, 1u);
  }
  EXPECT_EQ(pair.source.original.positions, source.positions);
  // Frames at the ends come back exactly where the inputs are; in between, sizes blend
  // geometrically (a 1000x size ratio halves in log space at s = 0.5).
  TexturedMesh start = pair.source.unit;
  toUserUnits(start, pair, 0.0);
  for (std::size_t i = 0; i < start.positions.size(); ++i)
    ASSERT_NEAR(glm::distance(start.positions[i], source.positions[i]), 0.0f, 1e-3f);
  const float s0 = unitTransformAt(pair, 0.0).scale, s1 = unitTransformAt(pair, 1.0).scale;
  EXPECT_FLOAT_EQ(s0, pair.source.toUnit.scale);
  EXPECT_FLOAT_EQ(s1, pair.target.toUnit.scale);
  EXPECT_NEAR(unitTransformAt(pair, 0.5).scale, std::sqrt(s0 * s1), 1e-3f * std::sqrt(s0 * s1));
  // The centre moves in step with the size: halfway in log size, (sqrt(k) - 1) / (k - 1) of the
  // way for a size ratio k.
  const double k = static_cast<double>(s0) / s1;
  const double along = (std::sqrt(k) - 1.0) / (k - 1.0);
  const glm::vec3 expected =
      pair.source.toUnit.center +
      static_cast<float>(along) * (pair.target.toUnit.center - pair.source.toUnit.center);
  EXPECT_NEAR(glm::distance(unitTransformAt(pair, 0.5).center, expected), 0.0f, 1e-2f);
}

TEST(NormalizeAlign, AlignmentTurnsTheTargetOntoTheSourceAndPointsMapBothWays) {
  // An L-shaped target turned 90 degrees about z.
  TexturedMesh cube = testing::makeCube();
  TexturedMesh shape = cube;
  const auto offset = static_cast<std::uint32_t>(shape.positions.size());
  for (const glm::vec3& p : cube.positions) shape.positions.push_back(p + glm::vec3(1, 0, 0));
  for (std::size_t f = 0; f < cube.triangles.size(); ++f) {
    shape.triangles.push_back(cube.triangles[f] + glm::uvec3(offset));
    shape.materialIds.push_back(0);
    for (int k = 0; k < 3; ++k) shape.cornerUVs.push_back(cube.cornerUVs[3 * f + k]);
  }
  for (const glm::vec3& p : cube.positions) shape.positions.push_back(p + glm::vec3(0, 1, 0));
  for (std::size_t f = 0; f < cube.triangles.size(); ++f) {
    shape.triangles.push_back(cube.triangles[f] + glm::uvec3(2 * offset));
    shape.materialIds.push_back(0);
    for (int k = 0; k < 3; ++k) shape.cornerUVs.push_back(cube.cornerUVs[3 * f + k]);
  }
  computeVertexNormals(shape);
  TexturedMesh turned = shape;
  for (glm::vec3& p : turned.positions) p = glm::vec3(-p.y, p.x, p.z);
  AlignOptions o;
  o.enabled = true;
  const NormalizedPair pair = normalizeAndAlign(shape, turned, o, 0);
  // The aligned target lies on the source.
  double err = 0.0;
  for (const glm::vec3& p : pair.target.unit.positions) {
    float best = 1e9f;
    for (const glm::vec3& q : pair.source.unit.positions)
      best = std::min(best, glm::distance(p, q));
    err += best;
  }
  EXPECT_LT(err / pair.target.unit.positions.size(), 0.02);
  for (const glm::vec3& p : {glm::vec3(0.3f, 0.2f, 0.1f), glm::vec3(1.5f, 0.5f, 0.9f)})
    EXPECT_NEAR(glm::distance(targetFromUnit(pair, targetToUnit(pair, p)), p), 0.0f, 1e-4f);
}

}  // namespace
}  // namespace interp3d
