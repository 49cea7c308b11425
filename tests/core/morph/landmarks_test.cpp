#include "morph/landmarks.h"

#include <cmath>

#include <gtest/gtest.h>
#include <glm/geometric.hpp>

#include "io/mesh_import.h"
#include "test_meshes.h"
#include "test_support.h"
#include "util/error.h"

namespace interp3d {
namespace {

TEST(Landmarks, ReadsPairsAndNamesTheFileOnError) {
  testing::ScratchDir dir("landmarks");
  testing::writeText(dir / "ok.json",
                     R"({"pairs": [{"source": [1, 2, 3], "target": [4.5, -5, 6e-1]},
                                                   {"source": [0,0,0], "target": [1,1,1]}]})");
  const auto l = loadLandmarks(dir / "ok.json");
  ASSERT_EQ(l.size(), 2u);
  EXPECT_EQ(l[0].target, glm::vec3(4.5f, -5.0f, 0.6f));
  testing::writeText(dir / "bad.json", R"({"pairs": [{"source": [1, 2], "target": [4, 5, 6]}]})");
  try {
    loadLandmarks(dir / "bad.json");
    FAIL();
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("bad.json"), std::string::npos);
  }
  EXPECT_THROW(loadLandmarks(dir / "missing.json"), IoError);
}

TEST(Landmarks, EveryMalformedPairIsAnErrorNamingThePair) {
  testing::ScratchDir dir("landmarks-bad");
  const std::pair<const char*, const char*> cases[] = {
      {R"({"pairs": [{"source": [0,0,0], "target": [1,1,1]}, {"source": [0,0,0]}]})",
       "pair 2: 'target' is missing"},
      {R"({"pairs": [{"source": [0,0,"x"], "target": [1,1,1]}]})", "three finite numbers"},
      {R"({"pairs": [{"source": [0,0,0,0], "target": [1,1,1]}]})", "must be [x, y, z]"},
      {R"({"pears": []})", "not a landmark file"},
      {R"({"pairs": [)", "not a landmark file"},
      {R"({"pairs": [{"source": [0,0,0], "target": [1,1,1]}, {"source": [1,0,0], "target": [2,2,2]},
                     {"source": [0,0,0], "target": [1,1,2]}]})",
       "pairs 1 and 3 send the same source point to two different places"},
  };
  for (const auto& [text, message] : cases) {
    testing::writeText(dir / "l.json", text);
    try {
      loadLandmarks(dir / "l.json");
      ADD_FAILURE() << "accepted " << text;
    } catch (const IoError& e) {
      EXPECT_NE(std::string(e.what()).find("l.json"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
    }
  }
}

TEST(Landmarks, OversizedFilesAndTooManyPairsAreRefusedBeforeTheyAreRead) {
  testing::ScratchDir dir("landmarks-big");
  std::string many = R"({"pairs": [)";
  for (std::size_t i = 0; i <= kMaxLandmarks; ++i)
    many += std::string(i ? "," : "") + R"({"source": [0,0,0], "target": [1,1,1]})";
  many += "]}";
  testing::writeText(dir / "many.json", many);
  try {
    loadLandmarks(dir / "many.json");
    FAIL() << "accepted " << kMaxLandmarks + 1 << " pairs";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("many.json"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("at most 256"), std::string::npos) << e.what();
  }
  testing::writeText(dir / "huge.json", std::string(kMaxLandmarkFileBytes + 1, ' '));
  try {
    loadLandmarks(dir / "huge.json");
    FAIL() << "accepted a file over the size cap";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("huge.json"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("more than a landmark file may have"), std::string::npos)
        << e.what();
  }
  testing::writeText(dir / "inf.json",
                     R"({"pairs": [{"source": [1e30,0,1e999], "target": [0,0,0]}]})");
  EXPECT_THROW(loadLandmarks(dir / "inf.json"), IoError);
}

TEST(Landmarks, APointFarFromItsMeshIsNamedWithItsPairAndMesh) {
  const BoundingBox source{glm::vec3(0.0f), glm::vec3(1.0f)};
  const BoundingBox target{glm::vec3(-10.0f), glm::vec3(10.0f)};
  // Near their meshes (the target is in its own, larger units): fine.
  EXPECT_EQ(describeFarLandmark(
                {{glm::vec3(0.5f), glm::vec3(9.0f)}, {glm::vec3(1.2f), glm::vec3(-14.0f)}}, source,
                target),
            "");
  const std::string far = describeFarLandmark(
      {{glm::vec3(0.5f), glm::vec3(9.0f)}, {glm::vec3(0.5f), glm::vec3(1e30f, 0.0f, 0.0f)}}, source,
      target);
  EXPECT_NE(far.find("pair 2"), std::string::npos) << far;
  EXPECT_NE(far.find("target point"), std::string::npos) << far;
  const std::string nan = describeFarLandmark(
      {{glm::vec3(std::nanf(""), 0.0f, 0.0f), glm::vec3(0.0f)}}, source, target);
  EXPECT_NE(nan.find("pair 1: the source point"), std::string::npos) << nan;
}

// The semantic benchmark's label files: the mesh and the points by label; a point that is not
// three finite numbers, or a file of another shape, is an error naming the file and the label.
TEST(Landmarks, LabelFilesGiveTheMeshAndItsPointsByLabel) {
  testing::ScratchDir dir("labels");
  testing::writeText(
      dir / "spot.json",
      R"({"mesh": "spot/spot.obj", "points": {"nose": [0, 0.3, -0.6], "tail_tip": [0, 0, 1]}})");
  const LabelledPoints read = loadLabelledPoints(dir / "spot.json");
  EXPECT_EQ(read.mesh, "spot/spot.obj");
  ASSERT_EQ(read.points.size(), 2u);
  EXPECT_EQ(read.points.at("nose"), glm::vec3(0.0f, 0.3f, -0.6f));
  testing::writeText(dir / "nan.json", R"({"mesh": "a.obj", "points": {"nose": [0, "x", 1]}})");
  try {
    loadLabelledPoints(dir / "nan.json");
    ADD_FAILURE() << "a point of a string was read";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("nan.json: point 'nose'"), std::string::npos) << e.what();
  }
  testing::writeText(dir / "pairs.json", R"({"pairs": []})");
  EXPECT_THROW(loadLabelledPoints(dir / "pairs.json"), IoError);
}

// Landmarks on one side of spot and the fox come back mirrored onto the other side of both, at
// the labelled points there; a point on the symmetry plane (the nose) is its own image and adds
// nothing, and a ball (no one symmetry plane) mirrors nothing.
TEST(Landmarks, MirroredPairsLandOnTheOtherSideOfBothMeshes) {
  const std::filesystem::path labels = testing::sourceDir() / "tests/data/landmarks";
  const LabelledPoints spotLabels = loadLabelledPoints(labels / "spot.json"),
                       foxLabels = loadLabelledPoints(labels / "fox.json");
  const TexturedMesh spot = loadMesh(testing::sharedAssets() / spotLabels.mesh).mesh,
                     fox = loadMesh(testing::sharedAssets() / foxLabels.mesh).mesh;
  std::vector<Landmark> pairs;
  for (const char* label : {"left_ear", "left_front_foot", "nose"})
    pairs.push_back({spotLabels.points.at(label), foxLabels.points.at(label)});
  const std::vector<Landmark> images =
      mirroredLandmarks(pairs, spot, findHeading(spot), fox, findHeading(fox));
  ASSERT_EQ(images.size(), 2u);
  const float spotSize = boundingBox(spot.positions).diagonal(),
              foxSize = boundingBox(fox.positions).diagonal();
  const char* expected[] = {"right_ear", "right_front_foot"};
  for (int i = 0; i < 2; ++i) {
    EXPECT_LT(glm::distance(images[i].source, spotLabels.points.at(expected[i])), 0.05f * spotSize)
        << expected[i];
    EXPECT_LT(glm::distance(images[i].target, foxLabels.points.at(expected[i])), 0.05f * foxSize)
        << expected[i];
  }
  // The Stanford bunny turns its head aside: not a mirror image of itself, so nothing is
  // mirrored onto it, and the report says why.
  const TexturedMesh bunny =
      loadMesh(testing::sharedAssets() / "untextured" / "stanford-bunny.obj").mesh;
  MirrorReport report;
  EXPECT_TRUE(
      mirroredLandmarks(pairs, spot, findHeading(spot), bunny, findHeading(bunny), {}, &report)
          .empty());
  EXPECT_FALSE(report.symmetric);
  mirroredLandmarks(pairs, spot, findHeading(spot), fox, findHeading(fox), {}, &report);
  EXPECT_TRUE(report.symmetric);
  EXPECT_EQ(report.taken, 1u);  // the nose
  EXPECT_EQ(report.beyondRoom, 0u);
  // Room for one pair only: the other image is counted, not added.
  ASSERT_EQ(
      mirroredLandmarks(pairs, spot, findHeading(spot), fox, findHeading(fox), {}, &report, 0, 1)
          .size(),
      1u);
  EXPECT_EQ(report.beyondRoom, 1u);
  const TexturedMesh ball = testing::makeSphere(0.5f);
  EXPECT_TRUE(mirroredLandmarks(pairs, spot, findHeading(spot), ball, findHeading(ball)).empty());
}

}  // namespace
}  // namespace interp3d
