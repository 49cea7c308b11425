// An orbit camera around a target point: yaw/pitch/distance, right-handed, Y up.
#pragma once

#include <glm/mat4x4.hpp>
#include <glm/vec3.hpp>

#include "mesh/textured_mesh.h"

namespace interp3d {

class OrbitCamera {
 public:
  glm::mat4 view() const;
  // `aspect` is width over height; the view spans fovY across its narrower side.
  glm::mat4 projection(float aspect) const;
  float verticalFov(float aspect) const;  // radians
  glm::vec3 eye() const;

  // Turns around the target; degrees, positive yaw turns the camera to the right.
  void rotate(float yawDegrees, float pitchDegrees);
  // Moves target and eye in the view plane; dx, dy are fractions of the viewport's narrower side.
  void pan(float dx, float dy);
  // factor > 1 moves closer.
  void zoom(float factor);
  // Looks at the box from the current direction so it fills the view, whatever its aspect.
  void frame(const BoundingBox& box);
  // Front three-quarter view of the box.
  void reset(const BoundingBox& box);

  // Puts the camera where yaw(), pitch(), distance() and target() said (a saved view).
  void set(float yawDegrees, float pitchDegrees, float distance, const glm::vec3& target);

  float yaw() const { return yaw_; }
  float pitch() const { return pitch_; }
  float distance() const { return distance_; }
  glm::vec3 target() const { return target_; }

 private:
  glm::vec3 target_{0.0f};
  float distance_ = 2.5f;
  float yaw_ = 30.0f;     // degrees around +Y
  float pitch_ = 20.0f;   // degrees above the horizon
  float fovY_ = 35.0f;    // degrees
  float radius_ = 0.87f;  // of the framed box, for the clip planes
};

}  // namespace interp3d
