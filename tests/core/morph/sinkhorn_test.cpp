#include "morph/sinkhorn.h"

#include <algorithm>
#include <cmath>
#include <utility>

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

// The same schedule in double precision, with std::exp: what the solver's fused float iterations
// must reproduce (odd sizes, so no row is a whole number of the solver's four-float blocks).
std::vector<glm::vec3> referenceBarycentres(const std::vector<glm::vec3>& x,
                                            const std::vector<glm::vec3>& y,
                                            const SinkhornOptions& o) {
  const std::size_t n = x.size(), m = y.size();
  std::vector<double> cost(n * m), f(n, 0.0), g(m, 0.0);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < m; ++j) cost[i * m + j] = glm::dot(x[i] - y[j], x[i] - y[j]);
  const double loga = -std::log(double(n)), logb = -std::log(double(m));
  auto softMin = [](const std::vector<double>& z) {
    const double top = *std::max_element(z.begin(), z.end());
    double sum = 0.0;
    for (double v : z) sum += std::exp(v - top);
    return top + std::log(sum);
  };
  double eps = o.epsilonStart;
  for (int it = 0; it < o.iterations; ++it) {
    const float progress = std::min(1.0f, it / (0.7f * o.iterations));
    eps = o.epsilonStart * std::pow(o.epsilonEnd / o.epsilonStart, progress);
    const double tau = o.rho / (o.rho + eps);
    std::vector<double> z(m);
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < m; ++j) z[j] = (g[j] - cost[i * m + j]) / eps;
      f[i] = -eps * tau * (softMin(z) + logb);
    }
    z.resize(n);
    for (std::size_t j = 0; j < m; ++j) {
      for (std::size_t i = 0; i < n; ++i) z[i] = (f[i] - cost[i * m + j]) / eps;
      g[j] = -eps * tau * (softMin(z) + loga);
    }
  }
  std::vector<glm::vec3> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    glm::dvec3 sum(0.0);
    double mass = 0.0;
    for (std::size_t j = 0; j < m; ++j) {
      const double p = std::exp((f[i] + g[j] - cost[i * m + j]) / eps + loga + logb);
      sum += p * glm::dvec3(y[j]);
      mass += p;
    }
    out[i] = glm::vec3(sum / mass);
  }
  return out;
}

// Sizes whose rows end in 1, 2 and 3 columns past the last whole block of four, with an even and
// an odd number of blocks (the solver sums two blocks at a time).
TEST(Sinkhorn, FollowsThePlainDoublePrecisionIterations) {
  for (const auto& [n, m] : {std::pair{37, 53}, std::pair{38, 51}, std::pair{39, 42}}) {
    std::vector<glm::vec3> x, y;
    for (int i = 0; i < n; ++i) x.emplace_back(std::sin(i * 1.3f), std::cos(i * 0.7f), 0.03f * i);
    for (int j = 0; j < m; ++j) y.emplace_back(std::cos(j * 0.9f), std::sin(j * 1.1f), 0.02f * j);
    SinkhornOptions o;
    o.threads = 2;
    const TransportResult r = solveTransport(flatten(x), flatten(y), 3, x, y, o);
    const std::vector<glm::vec3> expected = referenceBarycentres(x, y, o);
    float worst = 0.0f, moved = 0.0f;
    for (std::size_t i = 0; i < x.size(); ++i) {
      worst = std::max(worst, glm::distance(r.sourceToTarget[i], expected[i]));
      moved = std::max(moved, glm::distance(expected[i], x[i]));
    }
    EXPECT_LT(worst, 5e-5f) << n << " x " << m;
    EXPECT_GT(moved, 0.1f) << n << " x " << m;  // a plan that matches something, not each to itself
  }
}

}  // namespace
}  // namespace interp3d
