#include "morph/frame_geometry.h"

#include <gtest/gtest.h>
#include <glm/geometric.hpp>

#include "mesh/topology.h"
#include "util/error.h"

namespace interp3d {
namespace {

ScalarGrid spheres(const std::vector<std::pair<glm::vec3, float>>& balls) {
  ScalarGrid g(GridSpec::unitCube(40, 3), 0.0f);
  const int n = g.spec.points();
  for (int k = 0; k < n; ++k)
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i) {
        float d = 1e9f;
        for (const auto& [c, r] : balls)
          d = std::min(d, glm::distance(g.spec.position(i, j, k), c) - r);
        g.at(i, j, k) = d;
      }
  return g;
}

FrameWarp still(const GridSpec& spec) {
  FrameWarp w;
  w.toSource = VectorGrid(spec, glm::vec3(0.0f));
  w.toTarget = w.toSource;
  return w;
}

TEST(FrameGeometry, BlendsTheFieldsOfTheEnds) {
  const ScalarGrid a = spheres({{glm::vec3(0), 0.2f}}), b = spheres({{glm::vec3(0), 0.4f}});
  const TexturedMesh mid = frameGeometry(a, b, still(a.spec), 0.5, {});
  const TopologyStats t = computeTopology(mid);
  EXPECT_TRUE(t.watertight());
  EXPECT_EQ(t.components, 1u);
  for (const glm::vec3& p : mid.positions) ASSERT_NEAR(glm::length(p), 0.3f, 0.01f);
}

TEST(FrameGeometry, MovesAlongTheDisplacement) {
  const ScalarGrid a = spheres({{glm::vec3(-0.2f, 0, 0), 0.15f}}),
                   b = spheres({{glm::vec3(0.2f, 0, 0), 0.15f}});
  Correspondence c;
  c.sourceToTarget = VectorGrid(a.spec, glm::vec3(0.4f, 0, 0));
  c.targetToSource = VectorGrid(a.spec, glm::vec3(-0.4f, 0, 0));
  const TexturedMesh mid = frameGeometry(a, b, c.warpAt(0.25f), 0.25, {});
  glm::vec3 centre(0.0f);
  for (const glm::vec3& p : mid.positions) centre += p;
  centre /= static_cast<float>(mid.positions.size());
  EXPECT_NEAR(centre.x, -0.1f, 0.01f);  // a quarter of the way, one ball, not two blurred
  EXPECT_EQ(computeTopology(mid).components, 1u);
}

TEST(FrameGeometry, KeepsTheLargestComponentsAndStopsWhenCancelled) {
  const ScalarGrid two = spheres({{glm::vec3(-0.25f, 0, 0), 0.15f}, {glm::vec3(0.3f, 0, 0), 0.1f}});
  FrameGeometryOptions o;
  o.keepComponents = 1;
  const TexturedMesh one = frameGeometry(two, two, still(two.spec), 0.5, o);
  EXPECT_EQ(computeTopology(one).components, 1u);
  for (const glm::vec3& p : one.positions) EXPECT_LT(p.x, 0.0f);  // the bigger ball
  o.keepComponents = 2;
  EXPECT_EQ(computeTopology(frameGeometry(two, two, still(two.spec), 0.5, o)).components, 2u);
  Progress cancelled;
  cancelled.cancel();
  EXPECT_THROW(frameGeometry(two, two, still(two.spec), 0.5, o, cancelled), Cancelled);
}

}  // namespace
}  // namespace interp3d
