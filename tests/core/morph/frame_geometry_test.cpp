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

TEST(FrameGeometry, TheSmoothingThinsAPartThinnerThanItselfButKeepsIt) {
  // A rod 1.2 cells across along x on a row of lattice points, in both ends: a cow's leg at
  // R = 64. The smoothing at s = 1/2 (1 cell wide) lifts its axis out of the solid unless the
  // frame keeps part of its depth.
  ScalarGrid rod(GridSpec::unitCube(40, 3), 0.0f);
  const int n = rod.spec.points(), mid = n / 2;
  const float radius = 0.6f * rod.spec.spacing;
  const glm::vec3 axis = rod.spec.position(0, mid, mid);
  for (int k = 0; k < n; ++k)
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i) {
        const glm::vec3 p = rod.spec.position(i, j, k);
        const float across = glm::length(glm::vec2(p.y - axis.y, p.z - axis.z)) - radius;
        rod.at(i, j, k) = std::max(across, std::abs(p.x) - 0.4f);
      }
  const auto insideOnAxis = [&](const ScalarGrid& field) {
    int inside = 0, points = 0;
    for (int i = 0; i < n; ++i) {
      if (std::abs(rod.spec.position(i, mid, mid).x) > 0.3f) continue;
      ++points;
      if (field.at(i, mid, mid) < 0.0f) ++inside;
    }
    return static_cast<double>(inside) / points;
  };
  FrameGeometryOptions o;
  const ScalarGrid kept = frameField(rod, rod, still(rod.spec), 0.5, o);
  EXPECT_EQ(insideOnAxis(kept), 1.0);
  EXPECT_GT(kept.at(mid, mid, mid), rod.at(mid, mid, mid));  // thinner than it was
  EXPECT_EQ(computeTopology(frameGeometry(rod, rod, still(rod.spec), 0.5, o)).components, 1u);
  o.keepDepth = -1.0f;  // the blur alone melts it
  EXPECT_LT(insideOnAxis(frameField(rod, rod, still(rod.spec), 0.5, o)), 0.1);
}

TEST(FrameGeometry, APartACellAcrossSurvivesBeingReadBetweenLatticePoints) {
  // A rod 1.2 cells across on a row of lattice points, read by a flow that has moved it by a
  // fraction of a cell. Moved half a cell diagonally it lies between the rows: no lattice point is
  // inside it, and trilinear reading (faithful there) loses it, so a thin part flickers in and out
  // from frame to frame (a cow's legs did). Reading along the corners' slopes keeps it, thinner.
  ScalarGrid rod(GridSpec::unitCube(40, 3), 0.0f);
  const int n = rod.spec.points(), mid = n / 2;
  const float cell = rod.spec.spacing;
  const glm::vec3 axis = rod.spec.position(0, mid, mid);
  for (int k = 0; k < n; ++k)
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i) {
        const glm::vec3 p = rod.spec.position(i, j, k);
        rod.at(i, j, k) = std::max(glm::length(glm::vec2(p.y - axis.y, p.z - axis.z)) - 0.6f * cell,
                                   std::abs(p.x) - 0.4f);
      }
  const auto deepest = [&](float shift, bool sloped) {
    FrameWarp w = still(rod.spec);
    w.toSource = VectorGrid(rod.spec, glm::vec3(0.0f, shift, shift) * cell);
    FrameGeometryOptions o;
    o.sloped = sloped;
    const ScalarGrid f = frameField(rod, rod, w, 0.0, o);
    float least = 1e9f;
    for (int k = mid - 2; k <= mid + 2; ++k)
      for (int j = mid - 2; j <= mid + 2; ++j)
        if (!(f.at(mid, j, k) >= least)) least = f.at(mid, j, k);  // NaN wins, and fails below
    return least / cell;
  };
  for (const float shift : {0.0f, 0.25f, 0.5f, 0.75f}) {
    SCOPED_TRACE(shift);
    EXPECT_LT(deepest(shift, true), -0.1f);
  }
  EXPECT_GT(deepest(0.5f, false), 0.0f);  // read trilinearly, it is gone
  // Slopes made once by the caller read the same, and are the ones read: with them flattened
  // the reading is trilinear.
  FrameWarp w = still(rod.spec);
  w.toSource = VectorGrid(rod.spec, glm::vec3(0.0f, 0.3f, 0.6f) * cell);
  FrameGeometryOptions o;
  const Grid<glm::vec4> slopes = withSlopes(rod, 3);
  const ScalarGrid own = frameField(rod, rod, w, 0.2, o);
  o.sourceSlopes = o.targetSlopes = &slopes;
  EXPECT_EQ(frameField(rod, rod, w, 0.2, o).values, own.values);
  Grid<glm::vec4> flat = slopes;
  for (glm::vec4& v : flat.values) v = glm::vec4(v.x, 0.0f, 0.0f, 0.0f);
  o.sourceSlopes = o.targetSlopes = &flat;
  const ScalarGrid flatRead = frameField(rod, rod, w, 0.2, o);
  EXPECT_NE(flatRead.values, own.values);
  o.sloped = false;
  const ScalarGrid trilinear = frameField(rod, rod, w, 0.2, o);
  for (std::size_t q = 0; q < own.values.size(); ++q)
    ASSERT_NEAR(flatRead.values[q], trilinear.values[q], 1e-5f);
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
