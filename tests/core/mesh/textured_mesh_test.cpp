#include "mesh/textured_mesh.h"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>
#include <glm/geometric.hpp>

#include "mesh/normalize.h"
#include "mesh/simplify.h"
#include "mesh/subdivide.h"
#include "mesh/topology.h"
#include "test_meshes.h"
#include "util/error.h"

namespace interp3d {
namespace {

TEST(Image, SampleReadsTexelCentresWithBottomLeftOrigin) {
  const Image img = testing::makeTestImage();
  // Texel (x=2, y=0) is the top row; its centre is u=(2.5/4), v=1-(0.5/4).
  const glm::vec4 c = img.sample({2.5f / 4, 1.0f - 0.5f / 4});
  EXPECT_NEAR(c.r * 255, 32, 0.5);
  EXPECT_NEAR(c.g * 255, 0, 0.5);
  const glm::vec4 bottom = img.sample({0.5f / 4, 0.5f / 4});
  EXPECT_NEAR(bottom.g * 255, 48, 0.5);
}

TEST(ValidateMesh, RejectsNaNBadIndicesAndEmptyMeshes) {
  TexturedMesh m = testing::makeCube();
  EXPECT_NO_THROW(validateMesh(m, "cube"));

  TexturedMesh nan = m;
  nan.positions[3].y = std::numeric_limits<float>::quiet_NaN();
  EXPECT_THROW(validateMesh(nan, "cube"), MeshError);

  TexturedMesh inf = m;
  inf.positions[0].x = std::numeric_limits<float>::infinity();
  EXPECT_THROW(validateMesh(inf, "cube"), MeshError);

  TexturedMesh bad = m;
  bad.triangles[5].z = 99;
  try {
    validateMesh(bad, "my.obj");
    FAIL() << "expected MeshError";
  } catch (const MeshError& e) {
    EXPECT_NE(std::string(e.what()).find("my.obj"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("out of range"), std::string::npos);
  }

  EXPECT_THROW(validateMesh(TexturedMesh{}, "empty"), MeshError);
}

TEST(Normalize, FitsTheUnitCubeAndInverts) {
  TexturedMesh m = testing::makeCube();
  for (glm::vec3& p : m.positions) p = p * glm::vec3(10, 4, 2) + glm::vec3(5, -3, 7);
  const TexturedMesh original = m;
  const Similarity t = normalizeToUnitCube(m);
  const BoundingBox box = boundingBox(m.positions);
  EXPECT_NEAR(box.min.x, -0.5f, 1e-6);
  EXPECT_NEAR(box.max.x, 0.5f, 1e-6);
  EXPECT_NEAR(box.center().y, 0.0f, 1e-6);
  EXPECT_NEAR(box.size().y, 0.4f, 1e-6);
  applyInverseSimilarity(m, t);
  for (std::size_t i = 0; i < m.positions.size(); ++i) {
    EXPECT_NEAR(glm::distance(m.positions[i], original.positions[i]), 0.0f, 1e-5);
  }
}

// The ends of an interpolated transform are exactly the two transforms, however far apart and
// however different in size (a tiny target beside a source 10^4 away lost its place in float).
TEST(Normalize, InterpolatedTransformsEndExactlyAtBothEnds) {
  const Similarity far{glm::vec3(10000.0f, 10000.0f, 10000.0f), 0.25f};
  const Similarity tiny{glm::vec3(0.0012345f, -0.0006789f, 0.0003141f), 400.0f};
  for (const auto& [a, b] : {std::pair{far, tiny}, std::pair{tiny, far}}) {
    const Similarity start = interpolateSimilarity(a, b, 0.0),
                     end = interpolateSimilarity(a, b, 1.0);
    EXPECT_EQ(start.center, a.center);
    EXPECT_EQ(end.center, b.center);
    EXPECT_FLOAT_EQ(start.scale, a.scale);
    EXPECT_FLOAT_EQ(end.scale, b.scale);
  }
}

TEST(Subdivide, QuadruplesTrianglesAndKeepsTheSurfaceClosed) {
  const TexturedMesh cube = testing::makeCube();
  const TexturedMesh fine = subdivideMidpoint(cube, 2);
  EXPECT_EQ(fine.triangleCount(), 16 * cube.triangleCount());
  EXPECT_EQ(fine.cornerUVs.size(), 3 * fine.triangleCount());
  const TopologyStats s = computeTopology(fine);
  EXPECT_TRUE(s.watertight());
  EXPECT_EQ(s.eulerCharacteristic, 2);
  EXPECT_NEAR(testing::signedVolume(fine), 1.0, 1e-5);
}

TEST(Simplify, ClusteringReducesTrianglesAndKeepsTheShapeBounds) {
  const TexturedMesh fine = subdivideMidpoint(testing::makeCube(), 5);  // 12288 triangles
  ClusterOptions options;
  options.targetTriangles = 2000;
  const TexturedMesh coarse = simplifyByClustering(fine, options);
  EXPECT_LE(coarse.triangleCount(), 2000u);
  EXPECT_GT(coarse.triangleCount(), 100u);
  EXPECT_EQ(coarse.cornerUVs.size(), 3 * coarse.triangleCount());
  const BoundingBox box = boundingBox(coarse.positions);
  EXPECT_NEAR(box.size().x, 1.0f, 0.1f);
}

}  // namespace
}  // namespace interp3d
