#include "morph/sinkhorn.h"

#include <gtest/gtest.h>
#include <glm/geometric.hpp>

#include "morph/landmarks.h"
#include "morph/schedule.h"
#include "test_support.h"
#include "util/error.h"

namespace interp3d {
namespace {

std::vector<float> flatten(const std::vector<glm::vec3>& p) {
  std::vector<float> f;
  for (const glm::vec3& v : p) f.insert(f.end(), {v.x, v.y, v.z});
  return f;
}

TEST(Sinkhorn, MatchesAShuffledCopy) {
  std::vector<glm::vec3> x, y;
  for (int i = 0; i < 200; ++i) x.emplace_back(std::sin(i * 1.3f), std::cos(i * 0.7f), 0.01f * i);
  for (int i = 199; i >= 0; --i) y.push_back(x[i] + glm::vec3(0.002f));
  const TransportResult r = solveTransport(flatten(x), flatten(y), 3, x, y);
  double err = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i)
    err += glm::distance(r.sourceToTarget[i], x[i] + glm::vec3(0.002f));
  EXPECT_LT(err / x.size(), 0.02);
  for (float m : r.sourceMass) EXPECT_NEAR(m, 1.0f, 0.2f);
}

TEST(Sinkhorn, PartsWithoutCounterpartCarryLittleMass) {
  std::vector<glm::vec3> x, y;
  for (int i = 0; i < 100; ++i) x.emplace_back(0.01f * i, 0, 0);
  y = x;
  for (int i = 0; i < 30; ++i) y.emplace_back(5.0f + 0.01f * i, 3.0f, 0);  // far away, unmatched
  const TransportResult r = solveTransport(flatten(x), flatten(y), 3, x, y);
  for (std::size_t j = 100; j < y.size(); ++j) EXPECT_LT(r.targetMass[j], 0.05f);
  for (std::size_t j = 0; j < 100; ++j) EXPECT_GT(r.targetMass[j], 0.5f);
}

TEST(Schedule, ValuesAndNames) {
  for (Schedule s : {Schedule::Linear, Schedule::Ease, Schedule::Beta, Schedule::ConstantSpeed}) {
    EXPECT_EQ(parseSchedule(scheduleName(s)), s);
    EXPECT_NEAR(scheduleValue(s, 0.0), 0.0, 1e-12);
    EXPECT_NEAR(scheduleValue(s, 1.0), 1.0, 1e-12);
    EXPECT_NEAR(scheduleValue(s, 0.5), 0.5, 1e-12);
  }
  EXPECT_LT(scheduleValue(Schedule::Beta, 0.2), scheduleValue(Schedule::Ease, 0.2));
  EXPECT_THROW(parseSchedule("wobbly"), UsageError);
}

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

}  // namespace
}  // namespace interp3d
