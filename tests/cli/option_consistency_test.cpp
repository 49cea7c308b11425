// The option table (jobs/option_table.h) against the front ends that read it: the CLI's morph and
// bench commands and the GUI's command line name the same options and enforce the same ranges.
#include <cmath>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "jobs/option_table.h"
#include "test_support.h"

namespace interp3d {
namespace {

using testing::CommandResult;

CommandResult cli(const std::string& args) {
  return testing::runCommand((testing::binDir() / "interp3d-cli").string() + " " + args);
}

CommandResult gui(const std::string& args) {
  testing::ScratchDir home("gui-options");
  return testing::runCommand("QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=" + home.path().string() +
                             " XDG_CONFIG_HOME=" + home.path().string() + " " +
                             (testing::binDir() / "interp3d").string() + " " + args);
}

std::set<std::string> flagsIn(const std::string& text) {
  std::set<std::string> flags;
  const std::regex flag("--[a-z][a-z-]*");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), flag); it != std::sregex_iterator();
       ++it)
    flags.insert(it->str());
  return flags;
}

std::string number(double v) {
  if (v == std::floor(v)) return std::to_string(static_cast<long long>(v));
  std::ostringstream os;
  os << v;
  return os.str();
}

TEST(OptionConsistency, MorphHelpNamesExactlyTheTablesOptions) {
  const CommandResult r = cli("morph --help");
  ASSERT_EQ(r.exitCode, 0);
  std::set<std::string> expected{"--out", "--mirror-landmarks"};  // its own, then the table's
  for (const OptionSpec& spec : morphOptionTable()) expected.insert("--" + spec.name);
  EXPECT_EQ(flagsIn(r.out), expected) << r.out;
}

TEST(OptionConsistency, TheGuiTakesEveryMorphOptionOfTheTable) {
  const CommandResult r = gui("--help");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const std::set<std::string> flags = flagsIn(r.out);
  for (const OptionSpec& spec : morphOptionTable()) {
    if (spec.name == "format") continue;  // a GUI export's format follows its file name
    EXPECT_TRUE(flags.count("--" + spec.name)) << spec.name << " missing from\n" << r.out;
  }
}

// The largest accepted value passes the option check in both front ends (the run then fails on
// the missing input, not on the option); one past it is refused with the same message.
TEST(OptionConsistency, RangesAreTheSameInTheCliAndTheGui) {
  for (const OptionSpec& spec : morphOptionTable()) {
    if (spec.kind != OptionKind::Integer) continue;
    const std::string tooBig = " --" + spec.name + " " + number(spec.max + 1);
    const CommandResult c = cli("morph /no/a.obj /no/b.obj --out /no/out" + tooBig);
    const CommandResult g = gui("--screenshot /no/shot.png" + tooBig);
    EXPECT_EQ(c.exitCode, 2) << spec.name << c.err;
    EXPECT_EQ(g.exitCode, 2) << spec.name << g.err;
    const std::string expected = "--" + spec.name + " must be an integer from " + number(spec.min) +
                                 " to " + number(spec.max);
    EXPECT_NE(c.err.find(expected), std::string::npos) << c.err;
    EXPECT_NE(g.err.find(expected), std::string::npos) << g.err;
    const std::string max = " --" + spec.name + " " + number(spec.max);
    const CommandResult ok = cli("morph /no/a.obj /no/b.obj --out /no/out" + max);
    EXPECT_EQ(ok.err.find("must be"), std::string::npos) << ok.err;
    EXPECT_NE(ok.err.find("a.obj"), std::string::npos) << ok.err;
  }
}

TEST(OptionConsistency, BenchTakesTheTablesOptionsItNames) {
  const CommandResult r = cli("bench --help");
  ASSERT_EQ(r.exitCode, 0);
  for (const std::string& flag : flagsIn(r.out)) {
    if (flag == "--out" || flag == "--configs" || flag == "--labels" || flag == "--assets" ||
        flag == "--pairs")
      continue;  // the bench's own
    EXPECT_NO_THROW(optionSpec(flag.substr(2))) << flag;
  }
  const CommandResult big = cli("bench correspondence /no/a.obj --resolution 257");
  EXPECT_EQ(big.exitCode, 2);
  EXPECT_NE(big.err.find("--resolution must be an integer from 8 to 256"), std::string::npos)
      << big.err;
}

// The GUI's command line is checked before anything runs: a bad --compare is named as such (it
// said "--compare ... need --morph" with --morph given), a frame export's format and folder are
// checked before the morph (not 26 s later), help needs no display (it aborted without one), and
// without a display the GUI says so instead of aborting in Qt.
TEST(OptionConsistency, TheGuiRefusesABadCommandLineAtOnce) {
  const std::string pair = "a.obj b.obj --morph";
  CommandResult r = gui(pair + " --compare bogus");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("--compare must be overlay-source"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("got 'bogus'"), std::string::npos) << r.err;
  r = gui(pair + " --export-frame /tmp/frame.fbx");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("/tmp/frame.fbx: a frame is written as .glb, .obj or .ply"),
            std::string::npos)
      << r.err;
  r = gui(pair + " --export-frame /no/such/folder/frame.glb");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("the folder /no/such/folder does not exist"), std::string::npos) << r.err;
  const std::string bare = "env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM " +
                           (testing::binDir() / "interp3d").string();
  r = testing::runCommand(bare + " --help");
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("Usage:"), std::string::npos) << r.out;
  r = testing::runCommand(bare + " a.obj b.obj");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("no display to open a window on"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace interp3d
