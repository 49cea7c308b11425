#include "morph/sequence_writer.h"

#include <fstream>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_meshes.h"
#include "test_support.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace fs = std::filesystem;

namespace interp3d {
namespace {

nlohmann::json manifestOf(const fs::path& dir) {
  return nlohmann::json::parse(readFile(dir / "manifest.json"));
}

std::set<std::string> frameFilesIn(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir))
    if (isFrameFile(e.path().filename().string())) names.insert(e.path().filename().string());
  return names;
}

// The manifest lists exactly the frame files in the folder.
void expectHonest(const fs::path& dir) {
  std::set<std::string> listed;
  const nlohmann::json m = manifestOf(dir);
  for (const auto& f : m["frames"]) listed.insert(f["file"].get<std::string>());
  EXPECT_EQ(listed, frameFilesIn(dir));
}

MorphOptions tiny(int frames) {
  MorphOptions o = testing::smallMorphOptions();
  o.frames = frames;
  o.texture.size = 32;
  return o;
}

TEST(SequenceWriter, ARerunReplacesTheEarlierRunsFramesAndSaysItIsComplete) {
  testing::ScratchDir dir("seqrerun");
  const auto [a, b] = testing::smallDemoPair();
  writeSequence(MorphSolver(a, b, tiny(5)), dir.path(), {});
  EXPECT_EQ(frameFilesIn(dir.path()).size(), 5u);
  testing::writeText(dir / "notes.txt", "the user's own file");
  writeSequence(MorphSolver(a, b, tiny(3)), dir.path(), {});
  const nlohmann::json m = manifestOf(dir.path());
  EXPECT_EQ(m["status"], "complete");
  EXPECT_EQ(m["complete"], true);
  EXPECT_EQ(m["frames"].size(), 3u);
  expectHonest(dir.path());
  EXPECT_TRUE(fs::exists(dir / "notes.txt"));  // only frame files are ours to remove
}

// A folder holding someone else's frame files or manifest is refused before anything is written:
// a run never overwrites or removes files it did not make.
TEST(SequenceWriter, OtherPeoplesFramesAndManifestsAreNeverTouched) {
  const auto [a, b] = testing::smallDemoPair();
  const MorphSolver solver(a, b, tiny(3));
  {
    testing::ScratchDir dir("seqforeign");
    testing::writeText(dir / "frame_0007.glb", "mine");
    testing::writeText(dir / "frame_0001.obj", "mine too");
    try {
      writeSequence(solver, dir.path(), {});
      FAIL() << "wrote into a folder of someone else's frames";
    } catch (const IoError& e) {
      EXPECT_NE(std::string(e.what()).find("2 frame file(s) no Interp3D Studio manifest lists"),
                std::string::npos)
          << e.what();
    }
    EXPECT_EQ(readFile(dir / "frame_0007.glb"), "mine");
    EXPECT_EQ(readFile(dir / "frame_0001.obj"), "mine too");
    EXPECT_FALSE(fs::exists(dir / "manifest.json"));
  }
  {
    testing::ScratchDir dir("seqforeignmanifest");
    testing::writeText(dir / "manifest.json", R"({"generator": "someone else"})");
    EXPECT_THROW(writeSequence(solver, dir.path(), {}), IoError);
    EXPECT_EQ(readFile(dir / "manifest.json"), R"({"generator": "someone else"})");
  }
  {
    // An earlier run's OBJ frames go with their MTL and PNGs; a frame it did not list stays.
    testing::ScratchDir dir("seqobj");
    SequenceInfo obj;
    obj.format = "obj";
    writeSequence(solver, dir.path(), obj);
    testing::writeText(dir / "frame_0009.glb", "mine");
    EXPECT_THROW(writeSequence(solver, dir.path(), {}), IoError);
    fs::remove(dir / "frame_0009.glb");
    writeSequence(solver, dir.path(), {});
    expectHonest(dir.path());
  }
}

TEST(SequenceWriter, AFailedOrCancelledRunSaysSoAndListsOnlyItsCompleteFrames) {
  const auto [a, b] = testing::smallDemoPair();
  const MorphSolver solver(a, b, tiny(5));
  for (const bool cancel : {false, true}) {
    testing::ScratchDir dir("seqfail");
    writeSequence(MorphSolver(a, b, tiny(5)), dir.path(), {});  // a complete earlier run
    auto flag = std::make_shared<std::atomic<bool>>(false);
    const Progress progress(
        [&](double, const std::string& stage) {
          if (stage != "frame 2") return;
          if (cancel)
            flag->store(true);
          else
            throw IoError("disk full");
        },
        flag);
    if (cancel)
      EXPECT_THROW(writeSequence(solver, dir.path(), {}, progress), Cancelled);
    else
      EXPECT_THROW(writeSequence(solver, dir.path(), {}, progress), IoError);
    const nlohmann::json m = manifestOf(dir.path());
    EXPECT_EQ(m["status"], cancel ? "cancelled" : "failed");
    EXPECT_EQ(m["complete"], false);
    if (!cancel) {
      EXPECT_EQ(m["error"], "disk full");
    }
    EXPECT_EQ(m["frames"].size(), 2u);
    expectHonest(dir.path());
  }
}

TEST(SequenceWriter, FrameFilesAreRecognised) {
  for (const char* yes : {"frame_0000.glb", "frame_0123.obj", "frame_0123.mtl", "frame_9999.ply",
                          "frame_0001_mat0.png", "frame_0001_mat12.png"})
    EXPECT_TRUE(isFrameFile(yes)) << yes;
  for (const char* no : {"manifest.json", "frame_12.glb", "frame_0001.txt", "myframe_0001.glb",
                         "frame_0001.glb.tmp", "frame_0001_mat0.jpg"})
    EXPECT_FALSE(isFrameFile(no)) << no;
}

}  // namespace
}  // namespace interp3d
