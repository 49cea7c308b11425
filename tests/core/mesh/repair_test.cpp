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

// The meshes as one, each on vertices of its own.
TexturedMesh combinedMeshes(const std::vector<TexturedMesh>& meshes) {
  TexturedMesh out = meshes.front();
  for (std::size_t m = 1; m < meshes.size(); ++m) {
    const auto base = static_cast<std::uint32_t>(out.positions.size());
    out.positions.insert(out.positions.end(), meshes[m].positions.begin(),
                         meshes[m].positions.end());
    for (std::size_t f = 0; f < meshes[m].triangles.size(); ++f) {
      out.triangles.push_back(meshes[m].triangles[f] + glm::uvec3(base));
      out.materialIds.push_back(meshes[m].materialIds[f]);
    }
  }
  return out;
}

TexturedMesh withoutUVs(TexturedMesh mesh) {
  mesh.cornerUVs.clear();
  mesh.normals.clear();
  return mesh;
}

TEST(Repair, PartsHolesAndSheetsAreCounted) {
  RepairReport r;
  // Parts apart are parts; parts cut along seams whose vertices coincide are one surface again.
  const TexturedMesh sphere = testing::makeSphere(1.0f);
  const TexturedMesh two = withoutUVs(
      combinedMeshes({sphere, scaledAndMoved(sphere, 1.0, glm::vec3(5.0f, 0.0f, 0.0f))}));
  repairForSolid(two, &r);
  EXPECT_EQ(r.components, 2u);
  EXPECT_EQ(r.openComponents, 0u);
  EXPECT_EQ(r.weldedVertices, 0u);
  // Closed parts are never joined, however close (a shell a hair inside another, lips, a ring).
  const TexturedMesh nested =
      withoutUVs(combinedMeshes({sphere, scaledAndMoved(sphere, 0.99999, glm::vec3(0.0f))}));
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
