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
  // Parts apart are parts; parts cut along seams whose vertices coincide are one surface again.
  TexturedMesh two = testing::makeSphere(1.0f);
  const TexturedMesh other = scaledAndMoved(two, 1.0, glm::vec3(5.0f, 0.0f, 0.0f));
  const auto base = static_cast<std::uint32_t>(two.positions.size());
  two.positions.insert(two.positions.end(), other.positions.begin(), other.positions.end());
  for (std::size_t f = 0; f < other.triangles.size(); ++f) {
    two.triangles.push_back(other.triangles[f] + glm::uvec3(base));
    two.materialIds.push_back(other.materialIds[f]);
  }
  two.cornerUVs.clear();
  two.normals.clear();
  repairForSolid(two, &r);
  EXPECT_EQ(r.components, 2u);
  EXPECT_EQ(r.openComponents, 0u);
  EXPECT_EQ(r.weldedVertices, 0u);
  // Closed parts are never joined, however close (a shell a hair inside another, lips, a ring).
  TexturedMesh nested = testing::makeSphere(1.0f);
  const TexturedMesh inner = scaledAndMoved(nested, 0.99999, glm::vec3(0.0f));
  const auto first = static_cast<std::uint32_t>(nested.positions.size());
  nested.positions.insert(nested.positions.end(), inner.positions.begin(), inner.positions.end());
  for (std::size_t f = 0; f < inner.triangles.size(); ++f) {
    nested.triangles.push_back(inner.triangles[f] + glm::uvec3(first));
    nested.materialIds.push_back(inner.materialIds[f]);
  }
  nested.cornerUVs.clear();
  nested.normals.clear();
  const TexturedMesh kept = repairForSolid(nested, &r);
  EXPECT_EQ(r.weldedVertices, 0u);
  EXPECT_EQ(kept.triangleCount(), nested.triangleCount());
  repairForSolid(keepHalf(testing::makeSphere(1.0f)), &r);
  EXPECT_EQ(r.components, 1u);
  EXPECT_EQ(r.openComponents, 1u);
  const TexturedMesh cut = splitIntoParts(testing::makeSphere(1.0f), 8);
  ASSERT_GE(computeTopology(cut).components, 6u);
  const TexturedMesh joined = repairForSolid(cut, &r);
  EXPECT_EQ(r.components, 1u);
  EXPECT_GT(r.weldedVertices, 0u);
  EXPECT_TRUE(computeTopology(joined).watertight());
  EXPECT_NE(r.describe().find("cracks closed"), std::string::npos) << r.describe();
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
