#include "lattice/solid_field.h"

#include <gtest/gtest.h>

#include <cmath>

#include "io/mesh_import.h"
#include "lattice/morphology.h"
#include "mesh/hostile_variants.h"
#include "mesh/normalize.h"
#include "test_meshes.h"
#include "test_support.h"
#include "util/error.h"

namespace interp3d {
namespace {

TEST(SignedDistanceGrid, CubeInsideIsNegativeOutsideIsPositive) {
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

TEST(SignedDistanceGrid, OpenTeapotStillHasAnInside) {
  TexturedMesh teapot = loadMesh(testing::sharedAssets() / "untextured" / "teapot.obj").mesh;
  normalizeToUnitCube(teapot);
  const SurfaceQuery q(teapot, 2);
  const ScalarGrid g = signedDistanceGrid(teapot, q, GridSpec::unitCube(32, 2));
  EXPECT_LT(g.sample(boundingBox(teapot.positions).center() - glm::vec3(0.05f, 0.05f, 0.0f)), 0.0f);
  EXPECT_GT(g.sample(glm::vec3(0.45f, 0.45f, 0.45f)), 0.0f);
}

// Mean and largest difference of two fields over the points within `band` of the first's surface.
std::pair<double, double> difference(const ScalarGrid& a, const ScalarGrid& b, float band) {
  double sum = 0.0, worst = 0.0;
  std::size_t n = 0;
  for (std::size_t i = 0; i < a.values.size(); ++i) {
    if (std::fabs(a.values[i]) > band) continue;
    const double d = std::fabs(a.values[i] - b.values[i]);
    sum += d, worst = std::max(worst, d), ++n;
  }
  return {sum / std::max<std::size_t>(1, n), worst};
}

TexturedMesh unitSpot() {
  TexturedMesh spot = loadMesh(testing::sharedAssets() / "spot" / "spot.obj").mesh;
  normalizeToUnitCube(spot);
  return spot;
}

// Spot written twice, with a copy inside out, or with a tenth of its faces flipped, is the same
// solid as spot (parity counting erased the first: every crossing came in pairs).
TEST(SolidField, HostileCopiesOfASurfaceMakeTheSameSolid) {
  const GridSpec spec = GridSpec::unitCube(32, 2);
  const TexturedMesh spot = unitSpot();
  const SolidField plain = solidField(spot, spec, {});
  EXPECT_FALSE(plain.repair.changed());
  EXPECT_GT(plain.keptSurface, 0.97);
  const float h = spec.spacing;
  for (const TexturedMesh& hostile :
       {duplicateShell(spot), duplicateShell(spot, true), flipFaces(spot, 0.1)}) {
    const SolidField f = solidField(hostile, spec, {});
    EXPECT_TRUE(f.repair.changed());
    const auto [mean, worst] = difference(plain.sdf, f.sdf, 3.0f * h);
    EXPECT_LT(mean, 0.01 * h) << f.describe();
    EXPECT_LT(worst, 0.5 * h) << f.describe();
  }
  // Inside is negative, outside positive.
  EXPECT_LT(plain.sdf.sample(boundingBox(spot.positions).center()), 0.0f);
  EXPECT_GT(plain.sdf.sample(glm::vec3(0.55f)), 0.0f);
}

TEST(SolidField, AnOpenSheetBecomesASlabAndPartsAUnion) {
  const GridSpec spec = GridSpec::unitCube(32, 2);
  const float h = spec.spacing;
  // A flat square sheet in z = 0.05, 20 x 20 quads.
  TexturedMesh sheet;
  const int q = 20;
  for (int j = 0; j <= q; ++j)
    for (int i = 0; i <= q; ++i)
      sheet.positions.emplace_back(-0.4f + 0.8f * i / q, -0.4f + 0.8f * j / q, 0.05f);
  for (int j = 0; j < q; ++j)
    for (int i = 0; i < q; ++i) {
      const std::uint32_t a = j * (q + 1) + i, b = a + 1, c = a + q + 1, d = c + 1;
      sheet.triangles.emplace_back(a, b, d);
      sheet.triangles.emplace_back(a, d, c);
    }
  sheet.materialIds.assign(sheet.triangles.size(), 0);
  sheet.materials.push_back(Material{});
  const SolidField slab = solidField(sheet, spec, {});
  EXPECT_GT(slab.sheetPoints, 0u);
  EXPECT_LT(slab.sdf.sample(glm::vec3(0.1f, 0.0f, 0.05f)), 0.0f);  // on the sheet: inside
  EXPECT_GT(slab.sdf.sample(glm::vec3(0.1f, 0.0f, 0.05f + 2.0f * h)), 0.0f);  // beside it: out
  EXPECT_GT(slab.sdf.sample(glm::vec3(0.1f, 0.0f, 0.05f - 2.0f * h)), 0.0f);
  EXPECT_GT(slab.keptSurface, 0.9);
  // A sphere cut into separate open pieces is still one solid.
  const TexturedMesh parts = splitIntoParts(testing::makeSphere(0.4f), 27);
  const SolidField solid = solidField(parts, spec, {});
  EXPECT_LT(solid.sdf.sample(glm::vec3(0.0f)), -0.3f);
  EXPECT_NEAR(solid.sdf.sample(glm::vec3(0.0f, 0.0f, 0.45f)), 0.05f, 0.5f * h);
}

// A closed shell cut open is closed across its opening by one smooth cap (the level set of the
// winding number at one half), not made a slab and not left ragged: half of spot used to make a
// solid of 2 parts and 6 handles at this resolution.
TEST(SolidField, AShellCutOpenIsClosedByOneCap) {
  const GridSpec spec = GridSpec::unitCube(32, 2);
  const float h = spec.spacing;
  const SolidField bowl = solidField(keepHalf(testing::makeSphere(0.4f)), spec, {});
  EXPECT_GT(bowl.cappedPoints, 0u);
  EXPECT_NE(bowl.describe().find("openings closed"), std::string::npos) << bowl.describe();
  const TopologyStats t = surfaceTopology(bowl.sdf, SIZE_MAX);
  EXPECT_EQ(t.components, 1u);
  EXPECT_EQ(t.genus, 0u);
  EXPECT_LT(bowl.sdf.sample(glm::vec3(0.0f, 0.0f, 0.2f)), -0.15f);  // inside the kept half
  EXPECT_GT(bowl.sdf.sample(glm::vec3(0.0f, 0.0f, -0.2f)), 0.15f);  // where the other half was
  // The cap lies across the cut, where the other half was, as flat as the lattice allows.
  for (const float x : {-0.2f, 0.0f, 0.2f})
    EXPECT_NEAR(bowl.sdf.sample(glm::vec3(x, 0.1f, 0.0f)), 0.0f, 0.75f * h) << x;
  EXPECT_GT(bowl.keptSurface, 0.97);

  // A gently curved sheet (a cap of a sphere 40 degrees around its pole) has no inside to close:
  // it is a slab like a flat sheet, not a lens filled up to its rim.
  const glm::vec3 centre(0.0f, -0.25f, 0.0f);
  TexturedMesh cap = testing::makeSphere(0.45f, centre);
  std::vector<glm::uvec3> kept;
  for (const glm::uvec3& tri : cap.triangles)
    if ((cap.positions[tri.x].y + cap.positions[tri.y].y + cap.positions[tri.z].y) / 3.0f -
            centre.y >
        0.45f * std::cos(0.7f))
      kept.push_back(tri);
  cap.triangles = kept;
  cap.materialIds.assign(kept.size(), 0);
  cap.cornerUVs.clear();
  const SolidField dish = solidField(cap, spec, {});
  EXPECT_GT(dish.sheetPoints, 0u);
  EXPECT_EQ(dish.cappedPoints, 0u) << dish.describe();
  EXPECT_GT(dish.sdf.sample(centre + glm::vec3(0.0f, 0.45f - 0.05f, 0.0f)), 0.0f);  // under it
  EXPECT_LT(dish.sdf.sample(centre + glm::vec3(0.0f, 0.45f, 0.0f)), 0.0f);          // on it

  const SolidField half = solidField(keepHalf(unitSpot()), spec, {});
  const TopologyStats u = surfaceTopology(half.sdf, SIZE_MAX);
  EXPECT_EQ(u.components, 1u) << half.describe();
  EXPECT_EQ(u.genus, 0u) << half.describe();
  EXPECT_GT(half.keptSurface, 0.97);
}

// Suzanne's eyes are open shells set into her head; the gaps behind them are pockets the outside
// never reaches. They are filled, and the head and eyes are one solid (3 parts before), with her
// surface still on it.
TEST(SolidField, EnclosedPocketsAreFilled) {
  TexturedMesh suzanne = loadMesh(testing::sharedAssets() / "untextured" / "suzanne.obj").mesh;
  normalizeToUnitCube(suzanne);
  const SolidField head = solidField(suzanne, GridSpec::unitCube(64, 2), {});
  EXPECT_GT(head.pocketPoints, 0u);
  EXPECT_NE(head.describe().find("enclosed pockets filled"), std::string::npos) << head.describe();
  EXPECT_EQ(surfaceTopology(head.sdf, SIZE_MAX).components, 1u);
  EXPECT_GT(head.keptSurface, 0.95);
}

TEST(SolidField, ASolidThatHidesMostOfTheSurfaceIsAnError) {
  // A box holding four boxes inside it: most of the surface is inside the solid.
  TexturedMesh nested = testing::makeCube();
  for (float scale : {0.8f, 0.65f, 0.5f, 0.35f}) {
    const TexturedMesh inner = testing::makeCube();
    const auto offset = static_cast<std::uint32_t>(nested.positions.size());
    for (const glm::vec3& p : inner.positions)
      nested.positions.push_back(glm::vec3(0.5f) + scale * (p - glm::vec3(0.5f)));
    for (std::size_t f = 0; f < inner.triangles.size(); ++f) {
      nested.triangles.push_back(inner.triangles[f] + glm::uvec3(offset));
      nested.materialIds.push_back(0);
      for (int k = 0; k < 3; ++k) nested.cornerUVs.push_back(inner.cornerUVs[3 * f + k]);
    }
  }
  normalizeToUnitCube(nested);
  try {
    solidField(nested, GridSpec::unitCube(24, 2), {});
    ADD_FAILURE() << "no error";
  } catch (const MeshError& e) {
    EXPECT_NE(std::string(e.what()).find("keeps only"), std::string::npos) << e.what();
  }
  SolidOptions lenient;
  lenient.minKeptSurface = 0.0;
  const SolidField f = solidField(nested, GridSpec::unitCube(24, 2), lenient);
  EXPECT_LT(f.keptSurface, 0.5);
  EXPECT_LT(f.sdf.sample(glm::vec3(0.0f)), -0.4f);  // internal faces leave no trace inside
}

}  // namespace
}  // namespace interp3d
