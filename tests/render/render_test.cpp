// Render tests: the real GUI executable renders its three viewports to a PNG under Xvfb with
// Mesa's software renderer; the image is compared with a baseline under tests/render/baselines.
// A missing baseline is written and the test fails, so a person looks at it before committing.
#include <cstdlib>
#include <fstream>

#include <gtest/gtest.h>

#include "io/image_io.h"
#include "io/mesh_import.h"
#include "render/image_compare.h"
#include "test_hostile_files.h"
#include "test_support.h"
#include "util/error.h"

namespace fs = std::filesystem;

namespace interp3d {
namespace {

using testing::CommandResult;
using testing::ScratchDir;

constexpr double kThreshold = 0.97;  // SSIM; llvmpipe differs slightly between CPUs

CommandResult gui(const std::string& args, const ScratchDir& home,
                  const std::string& extraEnv = "") {
  std::string env = extraEnv + " LIBGL_ALWAYS_SOFTWARE=1 QT_QPA_PLATFORM=xcb XDG_RUNTIME_DIR=" +
                    home.path().string() + " XDG_CONFIG_HOME=" + home.path().string() + " ";
  std::string prefix = std::getenv("DISPLAY") ? "" : "xvfb-run -a -s \"-screen 0 1920x1080x24\" ";
  return testing::runCommand(env + prefix + (testing::binDir() / "interp3d").string() + " " + args,
                             180);
}

std::string asset(const std::string& rel) {
  return (testing::sharedAssets() / rel).string();
}

Image renderPair(const std::string& source, const std::string& target,
                 const std::string& extra = "") {
  ScratchDir dir("render");
  const fs::path png = dir / "shot.png";
  const CommandResult r = gui(
      source + " " + target + " --screenshot " + png.string() + " --size 900x300 " + extra, dir);
  EXPECT_EQ(r.exitCode, 0) << r.err;
  if (r.exitCode != 0) return {};
  return loadImage(png);
}

void compareWithBaseline(const Image& image, const std::string& name) {
  ASSERT_FALSE(image.empty());
  EXPECT_EQ(image.width, 900);
  EXPECT_EQ(image.height, 300);
  const fs::path baseline =
      testing::sourceDir() / "tests" / "render" / "baselines" / (name + ".png");
  if (!fs::exists(baseline)) {
    savePng(baseline, image);
    FAIL() << "no baseline for " << name << ": wrote " << baseline << "; look at it and commit it";
  }
  const double score = testing::ssim(image, loadImage(baseline));
  EXPECT_GE(score, kThreshold) << name << " differs from its baseline (SSIM " << score << ")";
  if (score < kThreshold) savePng(fs::temp_directory_path() / (name + "_actual.png"), image);
}

// Writes the built-in demo pair (creature.glb, torus.glb) into `dir`; true when it could.
bool writeDemoPair(const ScratchDir& dir) {
  const CommandResult demo = testing::runCommand((testing::binDir() / "interp3d-cli").string() +
                                                 " demo " + dir.path().string());
  EXPECT_EQ(demo.exitCode, 0) << demo.err;
  return demo.exitCode == 0;
}

TEST(Render, DemoPair) {
  ScratchDir dir("demo");
  ASSERT_TRUE(writeDemoPair(dir));
  compareWithBaseline(renderPair((dir / "creature.glb").string(), (dir / "torus.glb").string()),
                      "demo_pair");
}

TEST(Render, SpotAndBob) {
  compareWithBaseline(renderPair(asset("spot/spot.obj"), asset("bob/bob_tri.obj")), "spot_bob");
}

TEST(Render, SpotAndBobWireframe) {
  compareWithBaseline(renderPair(asset("spot/spot.obj"), asset("bob/bob_tri.obj"), "--wireframe"),
                      "spot_bob_wireframe");
}

TEST(Render, DemoPairMidMorph) {
  ScratchDir dir("midmorph");
  ASSERT_TRUE(writeDemoPair(dir));
  compareWithBaseline(renderPair((dir / "creature.glb").string(), (dir / "torus.glb").string(),
                                 "--morph --frames 5 --resolution 32 --frame 2"),
                      "demo_pair_mid_morph");
}

// The workbench's tools, headless: numbered landmark pins on both meshes; a wipe from the source
// and the correspondence colours of a finished morph.
TEST(Render, LandmarkPins) {
  const std::string pins =
      (testing::sourceDir() / "tests/data/render/spot_bob_landmarks.json").string();
  compareWithBaseline(
      renderPair(asset("spot/spot.obj"), asset("bob/bob_tri.obj"), "--landmarks " + pins),
      "spot_bob_landmarks");
}

TEST(Render, WipeAndCorrespondenceColours) {
  ScratchDir dir("tools");
  ASSERT_TRUE(writeDemoPair(dir));
  compareWithBaseline(renderPair((dir / "creature.glb").string(), (dir / "torus.glb").string(),
                                 "--morph --frames 5 --resolution 32 --frame 2 --compare "
                                 "wipe-source --correspondence source"),
                      "demo_pair_wipe_colours");
}

TEST(Render, ComparisonTellsDifferentScenesApart) {
  const Image spotBob = renderPair(asset("spot/spot.obj"), asset("bob/bob_tri.obj"));
  const Image foxTeapot = renderPair(asset("fox/Fox.glb"), asset("untextured/teapot.obj"));
  ASSERT_FALSE(spotBob.empty());
  ASSERT_FALSE(foxTeapot.empty());
  EXPECT_LT(testing::ssim(spotBob, foxTeapot), kThreshold);
  EXPECT_NEAR(testing::ssim(spotBob, spotBob), 1.0, 1e-12);
}

TEST(GuiErrors, MissingFileExitsNonZeroAndWritesNothing) {
  ScratchDir dir("guierr");
  const fs::path png = dir / "shot.png";
  const CommandResult r =
      gui("/no/such/cow.obj " + asset("bob/bob_tri.obj") + " --screenshot " + png.string(), dir);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("cow.obj"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(png));
}

TEST(GuiErrors, CorruptFileExitsNonZero) {
  ScratchDir dir("guicorrupt");
  testing::writeText(dir / "broken.glb", "glTF this is not really a binary glTF file");
  const CommandResult r =
      gui((dir / "broken.glb").string() + " --screenshot " + (dir / "s.png").string(), dir);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("broken.glb"), std::string::npos) << r.err;
}

TEST(GuiErrors, BadOptionsAreRejected) {
  ScratchDir dir("guiopts");
  EXPECT_EQ(gui("--screenshot " + (dir / "s.png").string() + " --size huge", dir).exitCode, 2);
  EXPECT_EQ(gui("--screenshot " + (dir / "s.jpg").string(), dir).exitCode, 2);
  const CommandResult prior =
      gui("--prior " + (dir / "missing.pt").string() + " --screenshot " + (dir / "s.png").string(),
          dir);
  EXPECT_EQ(prior.exitCode, 2);
  EXPECT_NE(prior.err.find("missing.pt: prior file does not exist"), std::string::npos)
      << prior.err;
  EXPECT_FALSE(fs::exists(dir / "s.png"));
  // A frame the morph does not have, or a frame without a morph, is refused, not ignored.
  const std::string pair = asset("spot/spot.obj") + " " + asset("bob/bob_tri.obj");
  const CommandResult frame =
      gui(pair + " --morph --frames 5 --frame 99 --screenshot " + (dir / "s.png").string(), dir);
  EXPECT_EQ(frame.exitCode, 2);
  EXPECT_NE(frame.err.find("--frame"), std::string::npos) << frame.err;
  EXPECT_NE(frame.err.find("0 to 4"), std::string::npos) << frame.err;
  EXPECT_EQ(gui(pair + " --frame 2 --screenshot " + (dir / "s.png").string(), dir).exitCode, 2);
  // A morph needs both meshes (it once waited forever for the missing one).
  const CommandResult one =
      gui(asset("spot/spot.obj") + " --morph --screenshot " + (dir / "s.png").string(), dir);
  EXPECT_EQ(one.exitCode, 2);
  EXPECT_NE(one.err.find("--morph needs a source and a target"), std::string::npos) << one.err;
  EXPECT_FALSE(fs::exists(dir / "s.png"));
}

// The importer's crashes, hangs and floods (issue 10), in the GUI: a message naming the file and a
// non-zero exit, within the time the structural checks take.
TEST(GuiErrors, HostileFilesAreMessagesNotCrashes) {
  ScratchDir dir("guihostile");
  testing::writeText(dir / "chain.glb", testing::glbNodeChain(30000));
  testing::writeText(dir / "truncated.ply", testing::truncatedAsciiPly());
  for (const char* name : {"chain.glb", "truncated.ply"}) {
    const CommandResult r = gui((dir / name).string() + " " + asset("bob/bob_tri.obj") +
                                    " --screenshot " + (dir / "s.png").string(),
                                dir);
    EXPECT_EQ(r.exitCode, 1) << name << ": " << r.err;
    EXPECT_NE(r.err.find(name), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir / "s.png"));
  }
}

TEST(Gui, WindowScreenshotShowsTheWholeWindow) {
  ScratchDir dir("window");
  const fs::path png = dir / "window.png";
  const CommandResult r = gui(asset("spot/spot.obj") + " " + asset("bob/bob_tri.obj") +
                                  " --size 900x300 --window-screenshot " + png.string(),
                              dir);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const Image window = loadImage(png);
  EXPECT_EQ(window.width, 900);
  EXPECT_GT(window.height, 300);  // menus, timeline and status bar around the viewports
}

TEST(Gui, MorphsInTheBackgroundAndExportsTheShownFrame) {
  ScratchDir dir("guimorph");
  ASSERT_TRUE(writeDemoPair(dir));
  const fs::path out = dir / "frame.glb";
  const CommandResult r =
      gui((dir / "creature.glb").string() + " " + (dir / "torus.glb").string() +
              " --morph --frames 5 --resolution 32 --frame 1 --export-frame " + out.string(),
          dir);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("morph: done"), std::string::npos) << r.out;
  ASSERT_TRUE(fs::exists(out));
  EXPECT_TRUE(loadMesh(out).mesh.hasTexture());
}

// Pixels of the viewport title's bright text in the top-left corner of a screenshot.
int titlePixels(const Image& image) {
  int count = 0;
  for (int y = 0; y < 60; ++y)
    for (int x = 0; x < 150; ++x) {
      const std::uint8_t* p = &image.rgba[4 * (static_cast<std::size_t>(y) * image.width + x)];
      count += p[0] > 200 && p[1] > 200 && p[2] > 200;
    }
  return count;
}

// With QT_SCALE_FACTOR=2 the viewports' titles double with the menus (about four times the
// pixels), in a screenshot as on screen.
TEST(Gui, ViewportLabelsFollowTheScaleFactor) {
  int pixels[2] = {0, 0};
  for (int scale : {1, 2}) {
    ScratchDir dir("hidpi");
    const fs::path png = dir / "shot.png";
    const CommandResult r =
        gui(asset("spot/spot.obj") + " --screenshot " + png.string() + " --size 900x300", dir,
            "QT_SCALE_FACTOR=" + std::to_string(scale));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    pixels[scale - 1] = titlePixels(loadImage(png));
  }
  EXPECT_GT(pixels[0], 30);
  EXPECT_GT(pixels[1], 2.5 * pixels[0]) << pixels[0] << " vs " << pixels[1];
}

TEST(Gui, ScrubBenchmarkReportsAFrameRate) {
  ScratchDir dir("scrub");
  ASSERT_TRUE(writeDemoPair(dir));
  const CommandResult r = gui((dir / "creature.glb").string() + " " + (dir / "torus.glb").string() +
                                  " --morph --frames 5 --resolution 32 --scrub-bench 1",
                              dir);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("scrub: "), std::string::npos) << r.out;
  const CommandResult bad = gui((dir / "creature.glb").string() + " --scrub-bench 2", dir);
  EXPECT_EQ(bad.exitCode, 2);  // needs --morph
}

// A project on the command line: options given there win over the project's (3 frames, not
// its 5); a project without a target cannot morph and says so at once.
TEST(Gui, AProjectOnTheCommandLineTakesItsOptionsAndChecksItsInputs) {
  ScratchDir dir("project");
  ASSERT_TRUE(writeDemoPair(dir));
  std::ofstream(dir / "two.i3dproj")
      << R"({"kind": "interp3d-project", "version": 1, "source": "creature.glb", )"
      << R"("target": "torus.glb", "options": {"frames": 5, "resolution": "16"}})";
  std::ofstream(dir / "one.i3dproj")
      << R"({"kind": "interp3d-project", "version": 1, "source": "creature.glb"})";
  CommandResult r = gui((dir / "two.i3dproj").string() + " --morph --frames 3 --movie " +
                            (dir / "shot.png").string() + " --size 64x64",
                        dir);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir / "shot_0002.png"));
  EXPECT_FALSE(fs::exists(dir / "shot_0003.png"));
  r = gui((dir / "one.i3dproj").string() + " --morph --screenshot " + (dir / "one.png").string(),
          dir);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("one.i3dproj"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "one.png"));
}

TEST(Gui, OrbitBenchmarkReportsAFrameRate) {
  ScratchDir dir("orbit");
  const CommandResult r =
      gui(asset("spot/spot.obj") + " " + asset("bob/bob_tri.obj") + " --orbit-bench 10", dir);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("fps"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace interp3d
