#include "mesh/repair.h"

#include <gtest/gtest.h>

#include "mesh/hostile_variants.h"
#include "mesh/topology.h"
#include "test_meshes.h"

namespace interp3d {
namespace {

TEST(Repair, DuplicateShellsFlippedFacesAndInsideOutPartsAreUndone) {
  const TexturedMesh sphere = testing::makeSphere(1.0f);
  RepairReport r;
  TexturedMesh out = repairForSolid(duplicateShell(sphere), &r);
  EXPECT_EQ(r.duplicateFaces, sphere.triangleCount());
  EXPECT_EQ(r.shellCopies(), 2u);
  EXPECT_EQ(out.triangleCount(), sphere.triangleCount());
  EXPECT_TRUE(computeTopology(out).watertight());
  EXPECT_NE(r.describe().find("written twice"), std::string::npos) << r.describe();

  out = repairForSolid(flipFaces(sphere, 0.1, 3), &r);
  EXPECT_GT(r.flippedFaces, sphere.triangleCount() / 20);
  EXPECT_LT(r.flippedFaces, sphere.triangleCount() / 5);
  EXPECT_TRUE(computeTopology(out).watertight());
  EXPECT_GT(testing::signedVolume(out), 0.0);

  out = repairForSolid(flipFaces(sphere, 1.0, 3), &r);  // inside out
  EXPECT_EQ(r.invertedComponents, 1u);
  EXPECT_GT(testing::signedVolume(out), 0.0);
}

TEST(Repair, PartsHolesAndSheetsAreCounted) {
  RepairReport r;
  repairForSolid(splitIntoParts(testing::makeSphere(1.0f), 8), &r);
  EXPECT_GE(r.components, 6u);
  EXPECT_EQ(r.openComponents, r.components);
  repairForSolid(punchHoles(testing::makeSphere(1.0f), 3, 0.05), &r);
  EXPECT_EQ(r.components, 1u);
  EXPECT_GE(r.boundaryLoops, 2u);
  const RepairReport clean = [] {
    RepairReport c;
    repairForSolid(testing::makeSphere(1.0f), &c);
    return c;
  }();
  EXPECT_FALSE(clean.changed());
  EXPECT_EQ(clean.describe(), "1 piece");
}

}  // namespace
}  // namespace interp3d
