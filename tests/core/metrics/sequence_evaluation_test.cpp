#include "metrics/sequence_evaluation.h"

#include <cmath>
#include <set>

#include <gtest/gtest.h>

#include "io/mesh_export.h"
#include "morph/sequence_writer.h"
#include "test_meshes.h"
#include "test_support.h"
#include "util/error.h"

namespace interp3d {
namespace {

// Concentric spheres with known radii: the Chamfer distance between two is the difference of
// their radii, and each bounding box's diagonal is 2 r sqrt(3).
TEST(SequenceEvaluation, StepsOfAHandMadeSequenceAreTheKnownDistances) {
  testing::ScratchDir dir("evalseq");
  const std::vector<float> radii = {1.0f, 1.1f, 1.2f, 1.4f, 1.5f};
  std::vector<TexturedMesh> meshes;
  for (float r : radii) meshes.push_back(testing::makeSphere(r));
  writeMeshSequence(meshes, dir / "seq", {}, {});
  saveMesh(meshes.front(), dir / "source.glb");
  saveMesh(meshes.back(), dir / "target.glb");
  const SequenceReport r = evaluateSequence(dir / "seq", dir / "source.glb", dir / "target.glb");

  ASSERT_EQ(r.frames.size(), radii.size());
  ASSERT_EQ(r.steps.size(), radii.size() - 1);
  std::vector<double> expected;
  for (std::size_t i = 0; i + 1 < radii.size(); ++i) {
    const double meanDiag = std::sqrt(3.0) * (radii[i] + radii[i + 1]);
    expected.push_back((radii[i + 1] - radii[i]) / meanDiag);
    EXPECT_NEAR(r.steps[i], expected[i], 0.03 * expected[i]) << "step " << i;
  }
  double sum = 0.0, maxStep = 0.0;
  for (double e : expected) sum += e, maxStep = std::max(maxStep, e);
  const double mean = sum / expected.size();
  double var = 0.0;
  for (double e : expected) var += (e - mean) * (e - mean);
  EXPECT_NEAR(r.stepSum, sum, 0.03 * sum);
  EXPECT_NEAR(r.stepCv, std::sqrt(var / expected.size()) / mean, 0.03);
  EXPECT_NEAR(r.stepMaxOverMean, maxStep / mean, 0.05);
  // The endpoints are the inputs themselves.
  EXPECT_LT(r.firstToSource.chamfer(), 1e-4);
  EXPECT_LT(r.lastToTarget.hausdorff(), 1e-4);
  EXPECT_LT(r.deltaEFirst, 1e-3);
  for (const FrameMetrics& f : r.frames) {
    EXPECT_TRUE(f.watertight) << f.index;
    EXPECT_TRUE(f.manifold) << f.index;
    EXPECT_EQ(f.components, 1u);
    EXPECT_EQ(f.selfIntersections, 0u);
    EXPECT_EQ(f.triangles, meshes.front().triangleCount());
  }
  EXPECT_EQ(r.middleFrame, 2);
  // Spheres: no handle, the same area per squared diagonal, equally smooth.
  EXPECT_EQ(r.extraHandles, 0u);
  EXPECT_EQ(r.extraComponents, 0u);
  EXPECT_NEAR(r.maxAreaRatio, 1.0, 1e-3);
  EXPECT_NEAR(r.minAreaRatio, 1.0, 1e-3);
  EXPECT_NEAR(r.maxRoughnessRatio, 1.0, 0.02);
  // Steps 1, 1, 2, 1 (in radius): the first and last are the median.
  EXPECT_NEAR(r.popChamferFirst, expected.front() / expected[1], 0.05);
  EXPECT_NEAR(r.popChamferLast, expected.back() / expected[1], 0.05);
  // The JSON report carries the same numbers.
  const std::string json = formatJson(r);
  EXPECT_NE(json.find("\"step_cv\""), std::string::npos);
  EXPECT_NE(json.find("\"watertight\":true"), std::string::npos);
}

// A frame with a handle neither end has, a crumpled frame and a frame in two pieces are seen.
TEST(SequenceEvaluation, SeesExtraHandlesCrumplesAndPieces) {
  testing::ScratchDir dir("evalbad-frames");
  const TexturedMesh sphere = testing::makeSphere(1.0f);
  TexturedMesh crumpled = sphere;
  for (std::size_t v = 0; v < crumpled.positions.size(); ++v)
    crumpled.positions[v] *= 1.0f + 0.04f * static_cast<float>((v * 7919) % 13) / 13.0f;
  computeVertexNormals(crumpled);
  TexturedMesh torus = testing::smallDemoPair().torus;
  for (glm::vec3& p : torus.positions) p *= 2.0f;
  TexturedMesh pieces = sphere;
  const TexturedMesh small = testing::makeSphere(0.2f, glm::vec3(3, 0, 0));
  const auto offset = static_cast<std::uint32_t>(pieces.positions.size());
  pieces.positions.insert(pieces.positions.end(), small.positions.begin(), small.positions.end());
  for (const glm::uvec3& t : small.triangles) {
    pieces.triangles.push_back(t + glm::uvec3(offset));
    pieces.materialIds.push_back(0);
  }
  computeVertexNormals(pieces);
  writeMeshSequence({sphere, crumpled, torus, pieces, sphere}, dir / "seq", {}, {});
  saveMesh(sphere, dir / "s.glb");
  const SequenceReport r = evaluateSequence(dir / "seq", dir / "s.glb", dir / "s.glb");
  EXPECT_EQ(r.frames[2].genus, 1u);
  EXPECT_EQ(r.extraHandles, 1u);
  EXPECT_EQ(r.extraComponents, 1u);
  EXPECT_GT(r.frames[1].roughnessRatio, 3.0);
  EXPECT_GT(r.maxRoughnessRatio, 3.0);
  EXPECT_NEAR(r.frames[4].roughnessRatio, 1.0, 1e-6);
}

// A frame made of an input handing over to a smoother surface mid-sequence: the end pops do not
// see it, the worst roughness step names it.
TEST(SequenceEvaluation, TheWorstRoughnessStepFindsAJumpInTheMiddle) {
  testing::ScratchDir dir("evalworst");
  const TexturedMesh sphere = testing::makeSphere(1.0f);
  auto crumpled = [&](float amount) {
    TexturedMesh m = sphere;
    for (std::size_t v = 0; v < m.positions.size(); ++v)
      m.positions[v] *= 1.0f + amount * static_cast<float>((v * 7919) % 13) / 13.0f;
    computeVertexNormals(m);
    return m;
  };
  std::vector<TexturedMesh> frames;
  for (float a : {0.0f, 0.004f, 0.008f, 0.012f, 0.06f, 0.064f, 0.068f, 0.072f})
    frames.push_back(crumpled(a));
  writeMeshSequence(frames, dir / "seq", {}, {});
  saveMesh(frames.front(), dir / "s.glb");
  saveMesh(frames.back(), dir / "t.glb");
  const SequenceReport r = evaluateSequence(dir / "seq", dir / "s.glb", dir / "t.glb");
  EXPECT_EQ(r.worstRoughnessAt, 3);
  EXPECT_GT(r.worstRoughnessStep, 3.0);
  EXPECT_LT(std::max(r.popRoughnessFirst, r.popRoughnessLast), 2.0);
  EXPECT_NE(formatText(r).find("worst roughness step anywhere"), std::string::npos);
}

TEST(SequenceEvaluation, ABrokenManifestIsAnErrorNamingIt) {
  testing::ScratchDir dir("evalbad");
  saveMesh(testing::makeSphere(1.0f), dir / "s.glb");
  std::filesystem::create_directories(dir / "seq");
  for (const char* text : {"not json", R"({"frames": [{"frame": 0, "t": 0, "alpha": 0}]})",
                           R"({"frames": [{"frame": 0, "t": 0, "alpha": 0, "file": "a.glb"}]})"}) {
    testing::writeText(dir / "seq" / "manifest.json", text);
    try {
      evaluateSequence(dir / "seq", dir / "s.glb", dir / "s.glb");
      ADD_FAILURE() << "accepted " << text;
    } catch (const IoError& e) {
      EXPECT_NE(std::string(e.what()).find("manifest.json"), std::string::npos) << e.what();
    }
  }
}

TEST(SequenceEvaluation, SummaryNamesEveryHeadlineMetricOnce) {
  SequenceReport r;
  r.frames.resize(3);
  r.frames[1].components = 4;
  r.frames[2].selfIntersections = 7;
  r.detailRetention = 1.25;
  const std::vector<SummaryMetric> s = summaryMetrics(r);
  std::set<std::string> names;
  for (const SummaryMetric& m : s) EXPECT_TRUE(names.insert(m.name).second) << m.name;
  auto value = [&](const std::string& name) {
    for (const SummaryMetric& m : s)
      if (m.name == name) return m.value;
    ADD_FAILURE() << name;
    return -1.0;
  };
  EXPECT_EQ(value("most components in a frame"), 4.0);
  EXPECT_EQ(value("most self-intersections in a frame"), 7.0);
  EXPECT_EQ(value("frames not watertight+manifold"), 3.0);
  EXPECT_DOUBLE_EQ(value("detail retention |r - 1| at t=0.5"), 0.25);
}

}  // namespace
}  // namespace interp3d
