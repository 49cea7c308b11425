#include "ui/morph_controller.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSignalSpy>

#include <gtest/gtest.h>

#include "wait_until.h"

#include "test_meshes.h"

namespace interp3d {
namespace {

using testing::waitUntil;

struct Inputs {
  std::shared_ptr<const TexturedMesh> source, target;
};
Inputs demoInputs() {
  const auto [a, b] = testing::smallDemoPair();
  return {std::make_shared<const TexturedMesh>(a), std::make_shared<const TexturedMesh>(b)};
}

MorphSettings smallSettings(int frames = 3) {
  MorphSettings s = defaultMorphSettings();
  s.morph = testing::smallMorphOptions();
  s.morph.frames = frames;
  s.prior = "off";
  return s;
}

TEST(MorphController, AMorphFillsEveryFrameAndFinishes) {
  MorphController c;
  QSignalSpy finished(&c, &MorphController::finished);
  QSignalSpy ready(&c, &MorphController::frameReady);
  const Inputs in = demoInputs();
  c.start(in.source, in.target, smallSettings(5));
  EXPECT_TRUE(c.running());
  EXPECT_EQ(c.frameCount(), 5);
  ASSERT_TRUE(waitUntil([&] { return finished.count() == 1; }));
  EXPECT_EQ(finished.at(0).at(0).value<JobStatus>(), JobStatus::Done);
  EXPECT_EQ(c.state(), MorphController::State::Finished);
  EXPECT_GE(ready.count(), 5);  // the previews; the textured frames follow
  ASSERT_TRUE(c.solver());
  EXPECT_EQ(c.frames().size(), 5u);
  for (int i = 0; i < 5; ++i) {
    int found = -1;
    EXPECT_TRUE(c.nearestFrame(i, &found).mesh);
    EXPECT_EQ(found, i);
  }
  // The ends are the inputs themselves.
  EXPECT_EQ(c.nearestFrame(0).mesh->positions, in.source->positions);
}

// After the previews, the background replaces every frame with the frame as it is exported: with
// its baked texture (a preview has vertex colours and no texture image). A movie rendered or a
// frame scrubbed before that showed blotchy per-vertex colours: the spots of spot->bob as ragged
// stars, the duck's eye a zigzag.
TEST(MorphController, EveryFrameGetsItsBakedTextureAfterThePreviews) {
  MorphController c;
  QSignalSpy finished(&c, &MorphController::finished);
  QSignalSpy textures(&c, &MorphController::texturesFinished);
  QSignalSpy progress(&c, &MorphController::texturesProgress);
  const Inputs in = demoInputs();
  ASSERT_TRUE(in.source->hasTexture() && in.target->hasTexture());
  c.start(in.source, in.target, smallSettings(5));
  EXPECT_FALSE(c.texturing());
  ASSERT_TRUE(waitUntil([&] { return finished.count() == 1; }));
  ASSERT_TRUE(waitUntil([&] { return textures.count() == 1; }));
  EXPECT_FALSE(c.texturing());
  EXPECT_EQ(c.texturedCount(), 5);
  ASSERT_GE(progress.count(), 1);
  EXPECT_EQ(progress.last().at(0).toInt(), 5);
  EXPECT_EQ(progress.last().at(1).toInt(), 5);
  for (int i = 0; i < 5; ++i) {
    const MorphController::CachedFrame f = c.nearestFrame(i);
    ASSERT_TRUE(f.mesh);
    EXPECT_TRUE(f.textured) << i;
    EXPECT_TRUE(f.mesh->hasTexture()) << "frame " << i << " has no texture image";
    EXPECT_TRUE(f.mesh->hasUVs()) << i;
  }
  // Asked for again, a baked frame is the cached one, not baked anew.
  const std::shared_ptr<const TexturedMesh> cached = c.nearestFrame(2).mesh;
  EXPECT_FALSE(c.needsBaking(2));
  EXPECT_EQ(c.texturedFrame(2).mesh, cached);
  EXPECT_EQ(textures.at(0).at(0).value<JobStatus>(), JobStatus::Done);
  ASSERT_TRUE(waitUntil([&] { return c.activeWorkers() == 0; }));
}

// A frame the background has not baked yet is baked on demand (a movie started at once), and the
// background's later copy does not replace it.
TEST(MorphController, AFrameCanBeBakedBeforeTheBackgroundReachesIt) {
  MorphController c;
  QSignalSpy finished(&c, &MorphController::finished);
  QSignalSpy textures(&c, &MorphController::texturesFinished);
  const Inputs in = demoInputs();
  c.start(in.source, in.target, smallSettings(9));
  EXPECT_FALSE(c.texturedFrame(4).mesh);  // nothing finished to bake from
  ASSERT_TRUE(waitUntil([&] { return finished.count() == 1; }));
  // Frame 7 comes last coarse to fine (0, 8, 4, 2, 6, 1, 3, 5, 7).
  const bool before = c.needsBaking(7);
  const MorphController::CachedFrame f = c.texturedFrame(7);
  ASSERT_TRUE(f.mesh);
  EXPECT_TRUE(f.textured);
  EXPECT_TRUE(f.mesh->hasTexture());
  ASSERT_TRUE(waitUntil([&] { return textures.count() == 1; }));
  EXPECT_EQ(c.texturedCount(), 9);
  if (before) {
    EXPECT_EQ(c.nearestFrame(7).mesh, f.mesh) << "the background's copy replaced it";
  }
  ASSERT_TRUE(waitUntil([&] { return c.activeWorkers() == 0; }));
}

// A new morph started while the last one's textures are baking stops that baking; its frames and
// its own baking are the new morph's alone.
TEST(MorphController, ARestartWhileBakingReportsOnlyTheNewMorphsTextures) {
  MorphController c;
  QSignalSpy finished(&c, &MorphController::finished);
  QSignalSpy textures(&c, &MorphController::texturesFinished);
  const Inputs in = demoInputs();
  c.start(in.source, in.target, smallSettings(9));
  ASSERT_TRUE(waitUntil([&] { return finished.count() == 1; }));
  ASSERT_TRUE(c.texturing());
  c.start(in.source, in.target, smallSettings(3));
  EXPECT_FALSE(c.texturing());
  ASSERT_TRUE(waitUntil([&] { return textures.count() >= 1 && c.activeWorkers() == 0; }));
  QCoreApplication::processEvents();
  EXPECT_EQ(finished.count(), 2);
  EXPECT_EQ(textures.count(), 1);  // the first morph's baking ended unannounced
  EXPECT_EQ(c.frameCount(), 3);
  EXPECT_EQ(c.texturedCount(), 3);
}

// A finished morph that comes back when a newer one is cancelled goes on baking the frames it had
// not baked (they stayed previews).
TEST(MorphController, ARestoredMorphGoesOnBakingItsFrames) {
  MorphController c;
  QSignalSpy finished(&c, &MorphController::finished);
  QSignalSpy textures(&c, &MorphController::texturesFinished);
  const Inputs in = demoInputs();
  c.start(in.source, in.target, smallSettings(9));
  ASSERT_TRUE(waitUntil([&] { return finished.count() == 1; }));
  c.start(in.source, in.target, smallSettings(4));  // stops the first one's baking
  c.cancel();
  ASSERT_TRUE(waitUntil([&] { return finished.count() == 2; }));
  ASSERT_EQ(finished.at(1).at(0).value<JobStatus>(), JobStatus::Cancelled);
  EXPECT_EQ(c.frameCount(), 9);  // the first morph is back
  EXPECT_EQ(c.texturing(), c.texturedCount() < 9);
  ASSERT_TRUE(waitUntil([&] { return !c.texturing() && c.activeWorkers() == 0; }));
  EXPECT_EQ(c.texturedCount(), 9);
  for (int i = 0; i < 9; ++i) EXPECT_TRUE(c.nearestFrame(i).mesh->hasTexture()) << i;
}

// Baked frames stay within a memory budget (1000 frames of 2048-pixel textures would be 16 GB): a
// frame beyond it stays a preview, and a frame baked on demand sends the others back to their
// previews, those behind it first.
TEST(MorphController, BakedFramesStayWithinTheMemoryBudget) {
  MorphController c;
  c.setTextureBudget(1);  // no room beyond the one frame asked for
  QSignalSpy textures(&c, &MorphController::texturesFinished);
  const Inputs in = demoInputs();
  c.start(in.source, in.target, smallSettings(5));
  ASSERT_TRUE(waitUntil([&] { return textures.count() == 1; }));
  EXPECT_TRUE(c.overBudget());
  EXPECT_EQ(c.texturedCount(), 0);
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(c.nearestFrame(i).mesh) << i;  // the previews
  const MorphController::CachedFrame second = c.texturedFrame(2);
  ASSERT_TRUE(second.mesh);
  EXPECT_TRUE(second.mesh->hasTexture());
  EXPECT_EQ(c.texturedCount(), 1);
  c.texturedFrame(3);  // as a movie goes on, the frame behind goes back to its preview
  EXPECT_EQ(c.texturedCount(), 1);
  EXPECT_TRUE(c.nearestFrame(3).textured);
  const MorphController::CachedFrame back = c.nearestFrame(2);
  EXPECT_FALSE(back.textured);
  ASSERT_TRUE(back.mesh);  // its preview again, never nothing
  EXPECT_FALSE(back.mesh->hasTexture());
  ASSERT_TRUE(waitUntil([&] { return c.activeWorkers() == 0; }));
}

TEST(MorphController, CancelStopsTheJobAndKeepsNothingOfIt) {
  MorphController c;
  QSignalSpy finished(&c, &MorphController::finished);
  const Inputs in = demoInputs();
  c.start(in.source, in.target, smallSettings(9));
  c.cancel();
  ASSERT_TRUE(waitUntil([&] { return finished.count() == 1; }));
  EXPECT_EQ(finished.at(0).at(0).value<JobStatus>(), JobStatus::Cancelled);
  EXPECT_EQ(c.state(), MorphController::State::Cancelled);
  EXPECT_FALSE(c.solver());
  ASSERT_TRUE(waitUntil([&] { return c.activeWorkers() == 0; }));
}

// Cancelled once its preview frames have begun to arrive, a first morph leaves no frames or
// solver behind to show, export or render.
TEST(MorphController, ACancelAfterTheFirstFramesKeepsNoneOfThem) {
  MorphController c;
  QSignalSpy finished(&c, &MorphController::finished);
  QSignalSpy ready(&c, &MorphController::frameReady);
  const Inputs in = demoInputs();
  c.start(in.source, in.target, smallSettings(40));
  ASSERT_TRUE(waitUntil([&] { return ready.count() >= 1 || finished.count() == 1; }));
  c.cancel();
  ASSERT_TRUE(waitUntil([&] { return finished.count() == 1; }));
  if (finished.at(0).at(0).value<JobStatus>() != JobStatus::Cancelled)
    GTEST_SKIP() << "the morph finished before the cancel reached it";
  EXPECT_FALSE(c.solver());
  EXPECT_EQ(c.frameCount(), 0);
  EXPECT_FALSE(c.nearestFrame(0).mesh);
}

TEST(MorphController, ARestartWhileRunningReportsOnlyTheNewJob) {
  MorphController c;
  QSignalSpy finished(&c, &MorphController::finished);
  QSignalSpy planned(&c, &MorphController::framesPlanned);
  const Inputs in = demoInputs();
  c.start(in.source, in.target, smallSettings(9));
  c.start(in.source, in.target, smallSettings(4));  // the first job is cancelled, never waited for
  EXPECT_EQ(planned.count(), 2);
  ASSERT_TRUE(waitUntil([&] { return finished.count() >= 1 && c.activeWorkers() == 0; }));
  QCoreApplication::processEvents();
  ASSERT_EQ(finished.count(), 1);  // the first job's end is dropped
  EXPECT_EQ(finished.at(0).at(0).value<JobStatus>(), JobStatus::Done);
  EXPECT_EQ(c.frameCount(), 4);
  EXPECT_EQ(c.frames().size(), 4u);
}

TEST(MorphController, ResetWhileRunningForgetsEverything) {
  MorphController c;
  QSignalSpy finished(&c, &MorphController::finished);
  QSignalSpy ready(&c, &MorphController::frameReady);
  const Inputs in = demoInputs();
  c.start(in.source, in.target, smallSettings(9));
  c.reset();  // a new file was loaded
  EXPECT_EQ(c.state(), MorphController::State::Idle);
  EXPECT_EQ(c.frameCount(), 0);
  ASSERT_TRUE(waitUntil([&] { return c.activeWorkers() == 0; }));
  QCoreApplication::processEvents();
  EXPECT_EQ(finished.count(), 0);
  EXPECT_EQ(ready.count(), 0);
  EXPECT_FALSE(c.nearestFrame(0).mesh);
}

TEST(MorphController, AFailingJobSaysWhy) {
  MorphController c;
  QSignalSpy finished(&c, &MorphController::finished);
  const Inputs in = demoInputs();
  MorphSettings s = smallSettings();
  s.prior = "/no/such/prior.pt";
  c.start(in.source, in.target, s);
  ASSERT_TRUE(waitUntil([&] { return finished.count() == 1; }));
  EXPECT_EQ(finished.at(0).at(0).value<JobStatus>(), JobStatus::Failed);
  EXPECT_TRUE(finished.at(0).at(1).toString().contains("prior.pt"));
  EXPECT_EQ(c.state(), MorphController::State::Failed);
  EXPECT_FALSE(c.solver());
}

TEST(MorphController, DestroyingItWhileRunningStopsTheWorker) {
  const Inputs in = demoInputs();
  QElapsedTimer timer;
  {
    MorphController c;
    c.start(in.source, in.target, smallSettings(9));
    timer.start();
  }
  EXPECT_LT(timer.elapsed(), 10000);
}

}  // namespace
}  // namespace interp3d
