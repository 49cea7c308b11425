#include "morph/landmarks.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace interp3d
