#include "geometry/winding_number.h"

#include <gtest/gtest.h>

#include "mesh/hostile_variants.h"
#include "test_meshes.h"

namespace interp3d {
namespace {

TEST(WindingNumber, OneInsideZeroOutsideTwoInsideASurfaceWrittenTwice) {
  const TexturedMesh sphere = testing::makeSphere(1.0f);
  const WindingNumber w(sphere);
  EXPECT_NEAR(w.at(glm::vec3(0.0f)), 1.0, 0.03);
  EXPECT_NEAR(w.at(glm::vec3(0.9f, 0.0f, 0.1f)), 1.0, 0.03);
  EXPECT_NEAR(w.at(glm::vec3(1.1f, 0.0f, 0.0f)), 0.0, 0.03);
  EXPECT_NEAR(w.at(glm::vec3(5.0f, 3.0f, -2.0f)), 0.0, 0.01);
  const WindingNumber twice(duplicateShell(sphere));
  EXPECT_NEAR(twice.at(glm::vec3(0.2f, 0.1f, 0.0f)), 2.0, 0.06);
  const WindingNumber inverted(duplicateShell(sphere, true));
  EXPECT_NEAR(inverted.at(glm::vec3(0.2f, 0.1f, 0.0f)), 0.0, 0.01);
}

TEST(WindingNumber, AnOpenSheetGivesAboutAHalfBesideIt) {
  // A dome (the top half of a sphere): about a half at the centre it opens onto, the fraction of
  // the view it fills elsewhere.
  const TexturedMesh half = keepHalf(testing::makeSphere(1.0f), {0, 0, 1});
  const WindingNumber w(half);
  EXPECT_NEAR(w.at(glm::vec3(0.0f, 0.0f, 0.0f)), 0.5, 0.03);
  EXPECT_GT(w.at(glm::vec3(0.0f, 0.0f, 0.95f)), 0.6);  // under the top: most of the view
  EXPECT_NEAR(w.at(glm::vec3(0.0f, 0.0f, -3.0f)), 0.0, 0.1);
}

TEST(WindingNumber, TheTreeAgreesWithTheExactSum) {
  const TexturedMesh torus = testing::smallDemoPair().torus;
  const WindingNumber fast(torus), exact(torus, 1e6);
  std::vector<glm::vec3> points;
  for (int i = 0; i < 200; ++i)
    points.emplace_back(std::sin(i * 1.7f), std::cos(i * 0.9f) * 0.8f, std::sin(i * 0.37f) * 0.5f);
  const std::vector<double> a = fast.at(points, 2), b = exact.at(points, 2);
  for (std::size_t i = 0; i < points.size(); ++i) EXPECT_NEAR(a[i], b[i], 0.03) << i;
}

}  // namespace
}  // namespace interp3d
