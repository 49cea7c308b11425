#include "render/orbit_camera.h"

#include <gtest/gtest.h>
#include <glm/vec4.hpp>

namespace interp3d {
namespace {

// Frame All fits the box in any viewport: wide, square and tall (a viewport of a narrow window
// or a split view), from any direction.
TEST(OrbitCamera, FrameAllFitsTheBoxWhateverTheViewportsShape) {
  const BoundingBox box{glm::vec3(-0.5f), glm::vec3(0.5f)};
  for (float aspect : {3.0f, 1.0f, 0.5f, 0.25f}) {
    for (float yaw : {0.0f, 30.0f, 45.0f, 120.0f}) {
      OrbitCamera camera;
      camera.rotate(yaw, 10.0f);
      camera.frame(box);
      const glm::mat4 m = camera.projection(aspect) * camera.view();
      float widest = 0.0f;
      for (int c = 0; c < 8; ++c) {
        const glm::vec3 corner((c & 1) ? 0.5f : -0.5f, (c & 2) ? 0.5f : -0.5f,
                               (c & 4) ? 0.5f : -0.5f);
        const glm::vec4 clip = m * glm::vec4(corner, 1.0f);
        const float x = clip.x / clip.w, y = clip.y / clip.w;
        EXPECT_LE(std::fabs(x), 1.0f) << "aspect " << aspect << " yaw " << yaw;
        EXPECT_LE(std::fabs(y), 1.0f) << "aspect " << aspect << " yaw " << yaw;
        widest = std::max({widest, std::fabs(x), std::fabs(y)});
      }
      EXPECT_GT(widest, 0.5f) << "the box fills the view, aspect " << aspect;
    }
  }
}

}  // namespace
}  // namespace interp3d
