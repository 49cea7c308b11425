#include "morph/landing_repair.h"

#include <cmath>

#include <gtest/gtest.h>
#include <glm/geometric.hpp>
#include <glm/trigonometric.hpp>

#include "metrics/mesh_metrics.h"
#include "test_meshes.h"

namespace interp3d {
namespace {

// Per triangle of `mesh` at `p`: whether it crosses another or faces into the unit sphere.
std::vector<std::uint8_t> badOnSphere(const TexturedMesh& mesh, const std::vector<glm::vec3>& p,
                                      std::size_t* crossings = nullptr,
                                      std::size_t* folded = nullptr) {
  std::vector<std::uint8_t> bad(mesh.triangles.size(), 0);
  std::size_t inwards = 0;
  for (std::size_t f = 0; f < bad.size(); ++f) {
    const glm::uvec3 t = mesh.triangles[f];
    const glm::vec3 n = glm::cross(p[t.y] - p[t.x], p[t.z] - p[t.x]);
    if (glm::dot(n, p[t.x] + p[t.y] + p[t.z]) < 0.0f) bad[f] = 1, ++inwards;
  }
  TexturedMesh now;
  now.positions = p;
  now.triangles = mesh.triangles;
  const auto pairs = selfIntersectingPairs(now);
  for (const auto& [f, g] : pairs) bad[f] = bad[g] = 1;
  if (crossings) *crossings = pairs.size();
  if (folded) *folded = inwards;
  return bad;
}

// The unit sphere landed on itself, folded over on a cap: the cap mirrored across a plane through
// its pole.
std::vector<glm::vec3> foldedCapLanding(const TexturedMesh& sphere) {
  std::vector<glm::vec3> landed = sphere.positions;
  for (glm::vec3& p : landed)
    if (p.y > 0.9f) p.x = -p.x;
  return landed;
}

// A landing folded over on a cap of a sphere (the cap mirrored across a plane through its pole:
// its triangles face inwards, and the band around it stretches across it) is landed again without
// a crossing or a fold; the landing away from the cap is untouched, and all of it stays on the
// sphere.
TEST(LandingRepair, AFoldedCapIsLandedAgainWithoutCrossingOrFold) {
  const TexturedMesh sphere = testing::makeSphere(1.0f, glm::vec3(0.0f), 64);
  const SurfaceQuery query(sphere, 2);
  std::vector<glm::vec3> landed = foldedCapLanding(sphere);
  std::size_t crossings = 0, folded = 0;
  const std::vector<std::uint8_t> bad = badOnSphere(sphere, landed, &crossings, &folded);
  ASSERT_GT(crossings, 0u);
  ASSERT_GT(folded, 0u);

  const std::vector<glm::vec3> before = landed;
  const RelandReport report = relandBadRegions(sphere, landed, bad, {}, sphere, query, /*rings=*/3);
  EXPECT_EQ(report.relanded, 1u);
  EXPECT_GT(report.moved, 0u);
  badOnSphere(sphere, landed, &crossings, &folded);
  EXPECT_EQ(crossings, 0u);
  EXPECT_EQ(folded, 0u);
  for (std::size_t v = 0; v < landed.size(); ++v) {
    EXPECT_NEAR(glm::length(landed[v]), 1.0f, 0.01f) << "vertex " << v;
    if (sphere.positions[v].y < 0.3f) {
      EXPECT_EQ(landed[v], before[v]) << "vertex " << v;
    }
  }
}

// The same on a target meshed more coarsely than the landed mesh: boundary vertices share target
// vertices, the traced boundary has corners between them, and every vertex placed anew lies on the
// target.
TEST(LandingRepair, AFoldOnACoarserTargetIsLandedAgainOnIt) {
  const TexturedMesh sphere = testing::makeSphere(1.0f, glm::vec3(0.0f), 64);
  const TexturedMesh coarse = testing::makeSphere(1.0f, glm::vec3(0.0f), 24);
  const SurfaceQuery query(coarse, 2);
  std::vector<glm::vec3> landed;
  for (const SurfacePoint& p : query.closest(sphere.positions)) landed.push_back(p.position);
  std::size_t crossings = 0, folded = 0;
  badOnSphere(sphere, landed, &crossings, &folded);
  ASSERT_EQ(crossings + folded, 0u);  // the plain landing is clean
  for (glm::vec3& p : landed)
    if (p.y > 0.9f) p.x = -p.x;  // the coarse sphere is symmetric across x = 0
  const std::vector<std::uint8_t> bad = badOnSphere(sphere, landed, &crossings, &folded);
  ASSERT_GT(crossings + folded, 0u);
  const RelandReport report = relandBadRegions(sphere, landed, bad, {}, coarse, query, 3);
  EXPECT_EQ(report.relanded, 1u);
  const std::size_t before = crossings + folded;
  badOnSphere(sphere, landed, &crossings, &folded);
  // The boundary keeps its places while its flat places are spread between the traced path's
  // corners: where the fine boundary meets the coarse target's path, a couple of its triangles
  // may still cross or face against the target.
  EXPECT_GE(before, 50u);
  EXPECT_LE(crossings + folded, 2u)
      << crossings << " crossings, " << folded << " folded, of " << before << " before";
  for (float d : query.distance(landed)) EXPECT_LT(d, 1e-4f);
}

// A part of the mesh apart from the bad region's (here an open square beside the sphere) is never
// taken into the region, whole, as an island it encloses: it stays where it landed.
TEST(LandingRepair, AnotherPartIsLeftWhereItLanded) {
  TexturedMesh mesh = testing::makeSphere(1.0f, glm::vec3(0.0f), 64);
  const auto first = static_cast<std::uint32_t>(mesh.positions.size());
  for (int y = 0; y < 5; ++y)
    for (int x = 0; x < 5; ++x) mesh.positions.emplace_back(3.0f + 0.1f * x, 0.1f * y, 0.0f);
  for (std::uint32_t y = 0; y < 4; ++y)
    for (std::uint32_t x = 0; x < 4; ++x) {
      const std::uint32_t a = first + 5 * y + x;
      mesh.triangles.emplace_back(a, a + 1, a + 6);
      mesh.triangles.emplace_back(a, a + 6, a + 5);
    }
  mesh.materialIds.assign(mesh.triangles.size(), 0);
  const SurfaceQuery query(mesh, 2);
  std::vector<glm::vec3> landed = mesh.positions;
  for (std::uint32_t v = 0; v < first; ++v)
    if (landed[v].y > 0.9f) landed[v].x = -landed[v].x;
  std::vector<std::uint8_t> bad(mesh.triangles.size(), 0);
  const std::vector<std::uint8_t> onSphere = badOnSphere(mesh, landed);
  for (std::size_t f = 0; f + 32 < mesh.triangles.size(); ++f) bad[f] = onSphere[f];
  const std::vector<glm::vec3> before = landed;
  const RelandReport report = relandBadRegions(mesh, landed, bad, {}, mesh, query, 3);
  EXPECT_EQ(report.regions, 1u);
  EXPECT_EQ(report.relanded, 1u);
  for (std::uint32_t v = first; v < mesh.positions.size(); ++v) EXPECT_EQ(landed[v], before[v]);
}

// Held points (a landmark's, a matched tip's) inside a region landed again are met there: two
// points of the folded cap held at their places turned 40 degrees about the pole land there, and
// the region neither crosses nor folds. Relanded without them, each lands about 0.2 away.
TEST(LandingRepair, HeldPointsAreMetInsideARegionLandedAgain) {
  const TexturedMesh sphere = testing::makeSphere(1.0f, glm::vec3(0.0f), 64);
  const SurfaceQuery query(sphere, 2);
  std::vector<glm::vec3> landed = foldedCapLanding(sphere);
  const std::vector<std::uint8_t> bad = badOnSphere(sphere, landed);
  auto at = [](const std::vector<glm::vec3>& p, const HeldPoint& h) {
    return h.weights.x * p[h.triangle.x] + h.weights.y * p[h.triangle.y] +
           h.weights.z * p[h.triangle.z];
  };
  std::vector<HeldPoint> held;
  for (const float side : {1.0f, -1.0f}) {  // a triangle on each side of the cap, at y 0.95
    std::size_t best = 0;
    float nearest = 1e9f;
    for (std::size_t f = 0; f < sphere.triangles.size(); ++f) {
      const glm::uvec3 t = sphere.triangles[f];
      const glm::vec3 c =
          (sphere.positions[t.x] + sphere.positions[t.y] + sphere.positions[t.z]) / 3.0f;
      const float d = glm::distance(c, glm::normalize(glm::vec3(side * 0.31f, 0.95f, 0.0f)));
      if (d < nearest) nearest = d, best = f;
    }
    HeldPoint h;
    h.triangle = sphere.triangles[best];
    h.weights = glm::vec3(1.0f / 3.0f);
    const glm::vec3 p = at(sphere.positions, h);
    const float turn = glm::radians(40.0f);
    h.target = query
                   .closest(std::vector<glm::vec3>{
                       glm::vec3(std::cos(turn) * p.x + std::sin(turn) * p.z, p.y,
                                 -std::sin(turn) * p.x + std::cos(turn) * p.z)})[0]
                   .position;  // on the faceted sphere
    held.push_back(h);
  }
  const RelandReport report = relandBadRegions(sphere, landed, bad, held, sphere, query, 3);
  EXPECT_EQ(report.relanded, 1u);
  std::size_t crossings = 0, folded = 0;
  badOnSphere(sphere, landed, &crossings, &folded);
  EXPECT_EQ(crossings, 0u);
  EXPECT_EQ(folded, 0u);
  for (const HeldPoint& h : held) EXPECT_LT(glm::distance(at(landed, h), h.target), 0.01f);
  for (const glm::vec3& p : landed) EXPECT_NEAR(glm::length(p), 1.0f, 0.01f);
}

// A held point whose triangle straddles a region's boundary, most of its weight on the boundary,
// neither blocks the region nor is carried off: the region is landed again and the point stays
// within 0.2% of the target's size of where it was. One corner inside was enough to hold such a
// point, and the region was left when the warp could not meet it.
TEST(LandingRepair, AHeldPointOnARegionsBoundaryStaysWhereItWas) {
  const TexturedMesh sphere = testing::makeSphere(1.0f, glm::vec3(0.0f), 64);
  const SurfaceQuery query(sphere, 2);
  std::vector<glm::vec3> landed = foldedCapLanding(sphere);
  const std::vector<std::uint8_t> bad = badOnSphere(sphere, landed);
  // The region as the repair grows it: the bad triangles' vertices and 3 rings around them.
  std::vector<std::uint8_t> in(sphere.positions.size(), 0);
  for (std::size_t f = 0; f < bad.size(); ++f)
    if (bad[f])
      for (int k = 0; k < 3; ++k) in[sphere.triangles[f][k]] = 1;
  for (int ring = 0; ring < 3; ++ring) {
    const std::vector<std::uint8_t> was = in;
    for (const glm::uvec3& t : sphere.triangles)
      if (was[t.x] || was[t.y] || was[t.z]) in[t.x] = in[t.y] = in[t.z] = 1;
  }
  // A vertex is on the boundary when a triangle of it lies outside the region.
  std::vector<std::uint8_t> rim(in.size(), 0);
  for (const glm::uvec3& t : sphere.triangles)
    if (!(in[t.x] && in[t.y] && in[t.z]))
      for (int k = 0; k < 3; ++k) rim[t[k]] = in[t[k]];
  HeldPoint point;
  bool found = false;
  for (const glm::uvec3& t : sphere.triangles) {
    int onRim = 0, inside = -1;
    for (int k = 0; k < 3; ++k) {
      onRim += in[t[k]] && rim[t[k]];
      if (in[t[k]] && !rim[t[k]]) inside = k;
    }
    if (onRim == 2 && inside >= 0) {
      point.triangle = t;
      point.weights = glm::vec3(0.495f);
      point.weights[inside] = 0.01f;
      found = true;
      break;
    }
  }
  ASSERT_TRUE(found);
  auto at = [&](const std::vector<glm::vec3>& p) {
    return point.weights.x * p[point.triangle.x] + point.weights.y * p[point.triangle.y] +
           point.weights.z * p[point.triangle.z];
  };
  // Its target 10 degrees round the pole from it: the region cannot warp it there, as its
  // boundary corners stay.
  const glm::vec3 was = at(landed);
  const float turn = glm::radians(10.0f);
  point.target = query
                     .closest(std::vector<glm::vec3>{
                         glm::vec3(std::cos(turn) * was.x + std::sin(turn) * was.z, was.y,
                                   -std::sin(turn) * was.x + std::cos(turn) * was.z)})[0]
                     .position;
  const RelandReport report = relandBadRegions(sphere, landed, bad, {point}, sphere, query, 3);
  EXPECT_EQ(report.relanded, 1u);
  EXPECT_LT(glm::distance(at(landed), was), 0.002f * 2.0f * std::sqrt(3.0f));
  std::size_t crossings = 0, folded = 0;
  badOnSphere(sphere, landed, &crossings, &folded);
  EXPECT_EQ(crossings + folded, 0u);
}

}  // namespace
}  // namespace interp3d
