#include "morph/sinkhorn.h"

#include <gtest/gtest.h>
#include <glm/geometric.hpp>

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

}  // namespace
}  // namespace interp3d
