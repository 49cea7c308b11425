#include "geometry/rigid_alignment.h"

#include <gtest/gtest.h>
#include <glm/geometric.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include "io/mesh_import.h"
#include "mesh/normalize.h"
#include "morph/landmarks.h"
#include "test_meshes.h"
#include "test_support.h"

namespace interp3d {
namespace {

TEST(RigidAlignment, RecoversARotatedAndShiftedCopy) {
  TexturedMesh spot = loadMesh(testing::sharedAssets() / "spot" / "spot.obj").mesh;
  normalizeToUnitCube(spot);
  // A quarter turn about Y plus 10 degrees about X, and a shift.
  const glm::mat3 turn =
      glm::mat3(glm::rotate(glm::mat4(1.0f), glm::radians(90.0f), glm::vec3(0, 1, 0))) *
      glm::mat3(glm::rotate(glm::mat4(1.0f), glm::radians(10.0f), glm::vec3(1, 0, 0)));
  TexturedMesh moved = spot;
  for (glm::vec3& p : moved.positions) p = turn * p + glm::vec3(0.05f, -0.02f, 0.0f);
  const RigidTransform t = alignRigid(spot, moved);
  double error = 0.0;
  for (std::size_t i = 0; i < spot.positions.size(); ++i)
    error += glm::distance(t.apply(moved.positions[i]), spot.positions[i]);
  EXPECT_LT(error / spot.positions.size(), 0.01);  // of a unit-cube-sized cow
}

TEST(RigidAlignment, PartialRotationGoesFromIdentityToTheWhole) {
  const glm::mat3 r = glm::mat3(
      glm::rotate(glm::mat4(1.0f), glm::radians(120.0f), glm::normalize(glm::vec3(1, 2, 3))));
  const glm::vec3 p(0.3f, -0.2f, 0.5f);
  EXPECT_LT(glm::distance(partialRotation(r, 0.0f) * p, p), 1e-6f);
  EXPECT_LT(glm::distance(partialRotation(r, 1.0f) * p, r * p), 1e-5f);
  const glm::mat3 half = partialRotation(r, 0.5f);
  EXPECT_LT(glm::distance(half * (half * p), r * p), 1e-5f);
  const glm::mat3 flip =
      glm::mat3(glm::rotate(glm::mat4(1.0f), glm::radians(180.0f), glm::vec3(0, 0, 1)));
  EXPECT_LT(glm::distance(partialRotation(flip, 1.0f) * p, flip * p), 1e-5f);
}

// Heading: spot turned about its up axis by any of these angles faces back the way the original
// faces (the profile tells its head end from its tail end), and the fox, facing another way in
// its own file, is turned to face spot's way.
TEST(RigidAlignment, HeadingTurnsAMeshToFaceTheOthersWay) {
  TexturedMesh spot = loadMesh(testing::sharedAssets() / "spot" / "spot.obj").mesh;
  normalizeToUnitCube(spot);
  const Heading own = findHeading(spot);
  EXPECT_TRUE(own.distinct) << own.contrast;
  EXPECT_GT(std::fabs(own.forward.z), 0.99f);  // spot faces along -Z in its file
  for (float degrees : {90.0f, 180.0f, -90.0f, 30.0f}) {
    TexturedMesh turned = spot;
    const glm::mat3 turn =
        glm::mat3(glm::rotate(glm::mat4(1.0f), glm::radians(degrees), glm::vec3(0, 1, 0)));
    for (glm::vec3& p : turned.positions) p = turn * p;
    const RigidTransform back = alignHeading(spot, turned);
    const glm::vec3 nose(0.0f, 0.0f, -1.0f);  // a direction, turned and back
    EXPECT_LT(glm::distance(back.rotation * (turn * nose), nose), 0.05f) << degrees;
  }
  TexturedMesh fox = loadMesh(testing::sharedAssets() / "fox" / "Fox.glb").mesh;
  normalizeToUnitCube(fox);  // faces +Z in its file
  const RigidTransform faced = alignHeading(spot, fox);
  EXPECT_LT(glm::distance(faced.rotation * glm::vec3(0, 0, 1), glm::vec3(0, 0, -1)), 0.05f);
  // A ball and a box mirror as well about several planes: they face no way and do not turn.
  for (const TexturedMesh& plain : {testing::makeSphere(0.5f), testing::makeCube()}) {
    EXPECT_FALSE(findHeading(plain).distinct) << findHeading(plain).contrast;
    EXPECT_EQ(alignHeading(spot, plain).rotation, glm::mat3(1.0f));
  }
}

// The front each labelled mesh is shown from (tests/data/landmarks) is the way its nose points,
// wherever its file has it face; a mesh without a distinct heading has no front.
TEST(RigidAlignment, FrontPointsTowardsTheNose) {
  int fronts = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(testing::sourceDir() / "tests/data/landmarks")) {
    const LabelledPoints labels = loadLabelledPoints(entry.path());
    if (!labels.points.count("nose")) continue;
    const std::filesystem::path file = testing::sharedAssets() / labels.mesh;
    if (!std::filesystem::exists(file)) continue;  // the demo creature is written by the CLI
    const TexturedMesh mesh = loadMesh(file).mesh;
    const glm::vec3 front = findFront(mesh);
    if (front == glm::vec3(0.0f)) continue;
    ++fronts;
    const glm::vec3 centre = boundingBox(mesh.positions).center();
    glm::vec3 toNose = labels.points.at("nose") - centre;
    toNose.y = 0.0f;
    EXPECT_GT(glm::dot(front, glm::normalize(toNose)), 0.7f) << labels.mesh;
  }
  EXPECT_GE(fronts, 4);
  EXPECT_EQ(findFront(testing::makeSphere(0.5f)), glm::vec3(0.0f));
}

// The heading alignment turns each labelled animal's nose the way the other's points, whatever
// their shapes: a cow onto a bunny (whose profiles match best tail to head) as well as onto a fox.
TEST(RigidAlignment, HeadingTurnsNoseTowardsNose) {
  struct Labelled {
    std::string name;
    TexturedMesh mesh;
    glm::vec3 nose;  // horizontal direction from the centre to the nose
  };
  std::vector<Labelled> animals;
  for (const auto& entry :
       std::filesystem::directory_iterator(testing::sourceDir() / "tests/data/landmarks")) {
    const LabelledPoints labels = loadLabelledPoints(entry.path());
    const std::filesystem::path file = testing::sharedAssets() / labels.mesh;
    if (!labels.points.count("nose") || !std::filesystem::exists(file)) continue;
    TexturedMesh mesh = loadMesh(file).mesh;
    if (findFront(mesh) == glm::vec3(0.0f)) continue;  // no heading to turn by
    glm::vec3 toNose = labels.points.at("nose") - boundingBox(mesh.positions).center();
    toNose.y = 0.0f;
    animals.push_back({labels.mesh, std::move(mesh), glm::normalize(toNose)});
  }
  ASSERT_GE(animals.size(), 4u);
  int pairs = 0;
  for (const Labelled& fixed : animals)
    for (const Labelled& moving : animals) {
      if (&fixed == &moving) continue;
      ++pairs;
      const RigidTransform t = alignHeading(fixed.mesh, moving.mesh);
      EXPECT_GT(glm::dot(t.rotation * moving.nose, fixed.nose), 0.7f)
          << moving.name << " onto " << fixed.name;
    }
  EXPECT_GE(pairs, 12);
}

}  // namespace
}  // namespace interp3d
