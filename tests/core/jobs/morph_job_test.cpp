#include "jobs/morph_job.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "prior/learned_prior.h"
#include "test_meshes.h"
#include "test_support.h"
#include "util/error.h"

namespace interp3d {
namespace {

TEST(MorphJob, CoarseToFineVisitsEveryFrameOnceEndsAndMiddleFirst) {
  EXPECT_EQ(coarseToFineOrder(9), (std::vector<int>{0, 8, 4, 2, 6, 1, 3, 5, 7}));
  for (int n = 1; n < 40; ++n) {
    std::vector<int> order = coarseToFineOrder(n);
    ASSERT_EQ(order.size(), static_cast<std::size_t>(n));
    std::sort(order.begin(), order.end());
    for (int i = 0; i < n; ++i) ASSERT_EQ(order[i], i);
  }
}

TEST(MorphJob, ResultsAreTyped) {
  EXPECT_TRUE(runJob([] {}).done());
  EXPECT_EQ(runJob([] { throw Cancelled(); }).status, JobStatus::Cancelled);
  const JobResult failed = runJob([] { throw IoError("x.obj: broken"); });
  EXPECT_EQ(failed.status, JobStatus::Failed);
  EXPECT_EQ(failed.message, "x.obj: broken");
}

TEST(MorphJob, OptionsResolveThePriorAndTheLandmarks) {
  testing::ScratchDir dir("jobopts");
  MorphSettings s = defaultMorphSettings();
  s.prior = "off";
  EXPECT_FALSE(resolveMorphOptions(s).learned.any());
  EXPECT_EQ(resolveMorphOptions(s).learned.summary, "off");
  s.prior = "auto";
  std::vector<std::string> warnings;
  const MorphOptions o =
      resolveMorphOptions(s, [&](const std::string& w) { warnings.push_back(w); });
  if (!LearnedPrior::shippedFile().empty()) {
    EXPECT_TRUE(o.learned.descriptors);  // the ablation's default part
    EXPECT_NE(o.learned.summary.find("prior.pt (descriptors)"), std::string::npos);
  } else {
    EXPECT_EQ(warnings.size(), 1u);
  }
  testing::writeText(dir / "l.json", R"({"pairs": [{"source": [1,2,3], "target": [4,5,6]}]})");
  s.landmarksFile = (dir / "l.json").string();
  s.prior = "off";
  ASSERT_EQ(resolveMorphOptions(s).landmarks.size(), 1u);
  s.prior = (dir / "missing.pt").string();
  EXPECT_THROW(resolveMorphOptions(s), IoError);
}

TEST(MorphJob, ExportingAFrameThatDoesNotExistSaysWhichExist) {
  const auto [a, b] = testing::smallDemoPair();
  const auto solver = solveMorph(a, b, testing::smallMorphOptions(), {});
  testing::ScratchDir dir("jobexport");
  try {
    exportFrame(*solver, 7, dir / "f.glb", {});
    ADD_FAILURE();
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("frames 0 to 2"), std::string::npos) << e.what();
  }
  exportFrame(*solver, 1, dir / "f.glb", {});
  EXPECT_TRUE(std::filesystem::exists(dir / "f.glb"));
  Progress cancelled;
  cancelled.cancel();
  EXPECT_THROW(exportFrame(*solver, 1, dir / "g.glb", cancelled), Cancelled);
  EXPECT_FALSE(std::filesystem::exists(dir / "g.glb"));
}

TEST(MorphJob, PreviewDeliversEveryFrameCoarseToFine) {
  const auto [a, b] = testing::smallDemoPair();
  MorphOptions o = testing::smallMorphOptions();
  o.frames = 5;
  const auto solver = solveMorph(a, b, o, {});
  std::vector<int> seen;
  previewFrames(*solver,
                [&](int index, TexturedMesh mesh) {
                  seen.push_back(index);
                  EXPECT_GT(mesh.triangleCount(), 0u);
                  if (index > 0 && index < 4) {
                    EXPECT_EQ(mesh.vertexColors.size(), mesh.vertexCount());
                  }
                },
                {});
  EXPECT_EQ(seen, coarseToFineOrder(5));
}

}  // namespace
}  // namespace interp3d
