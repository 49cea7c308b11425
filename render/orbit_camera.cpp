#include "render/orbit_camera.h"

#include <algorithm>
#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

namespace interp3d {

namespace {
glm::vec3 forwardOf(float yawDeg, float pitchDeg) {
  const float yaw = glm::radians(yawDeg), pitch = glm::radians(pitchDeg);
  // Direction from the eye to the target.
  return -glm::vec3(std::cos(pitch) * std::sin(yaw), std::sin(pitch),
                    std::cos(pitch) * std::cos(yaw));
}
}  // namespace

glm::vec3 OrbitCamera::eye() const {
  return target_ - distance_ * forwardOf(yaw_, pitch_);
}

glm::mat4 OrbitCamera::view() const {
  return glm::lookAt(eye(), target_, glm::vec3(0, 1, 0));
}

float OrbitCamera::verticalFov(float aspect) const {
  // The field of view spans the narrower side: a tall viewport opens its vertical angle so that
  // its width still spans fovY_ and whatever fits a square view fits it too.
  const float half = glm::radians(fovY_) / 2.0f;
  aspect = std::max(aspect, 1e-3f);
  return aspect >= 1.0f ? 2.0f * half : 2.0f * std::atan(std::tan(half) / aspect);
}

glm::mat4 OrbitCamera::projection(float aspect) const {
  const float nearPlane = std::max(1e-4f * distance_, distance_ - 4.0f * radius_);
  const float farPlane = distance_ + 4.0f * radius_;
  return glm::perspective(verticalFov(aspect), std::max(aspect, 1e-3f), nearPlane, farPlane);
}

void OrbitCamera::rotate(float yawDegrees, float pitchDegrees) {
  yaw_ = std::fmod(yaw_ + yawDegrees, 360.0f);
  pitch_ = std::clamp(pitch_ + pitchDegrees, -89.0f, 89.0f);
}

void OrbitCamera::pan(float dx, float dy) {
  const glm::vec3 f = forwardOf(yaw_, pitch_);
  const glm::vec3 right = glm::normalize(glm::cross(f, glm::vec3(0, 1, 0)));
  const glm::vec3 up = glm::cross(right, f);
  const float narrowSide = 2.0f * distance_ * std::tan(glm::radians(fovY_) / 2.0f);
  target_ += (-dx * right + dy * up) * narrowSide;
}

void OrbitCamera::zoom(float factor) {
  distance_ = std::clamp(distance_ / factor, 1e-3f * radius_, 100.0f * radius_);
}

void OrbitCamera::frame(const BoundingBox& box) {
  target_ = box.center();
  radius_ = std::max(0.5f * box.diagonal(), 1e-6f);
  distance_ = radius_ / std::sin(glm::radians(fovY_) / 2.0f) * 1.05f;
}

void OrbitCamera::set(float yawDegrees, float pitchDegrees, float distance,
                      const glm::vec3& target) {
  yaw_ = std::isfinite(yawDegrees) ? std::fmod(yawDegrees, 360.0f) : yaw_;
  pitch_ = std::isfinite(pitchDegrees) ? std::clamp(pitchDegrees, -89.0f, 89.0f) : pitch_;
  if (std::isfinite(distance)) distance_ = std::clamp(distance, 1e-3f * radius_, 100.0f * radius_);
  if (std::isfinite(target.x) && std::isfinite(target.y) && std::isfinite(target.z))
    target_ = target;
}

void OrbitCamera::reset(const BoundingBox& box) {
  yaw_ = 30.0f;
  pitch_ = 20.0f;
  frame(box);
}

}  // namespace interp3d
