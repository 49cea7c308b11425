#include "ui/camera_rig.h"

namespace interp3d {

namespace {
BoundingBox unitCube() {
  return {glm::vec3(-0.5f), glm::vec3(0.5f)};
}
constexpr int kSettleMs = 250;
}  // namespace

CameraRig::CameraRig(QObject* parent) : QObject(parent) {
  camera_.reset(unitCube());
  settle_.setSingleShot(true);
  settle_.setInterval(kSettleMs);
  connect(&settle_, &QTimer::timeout, this, [this] {
    moving_ = false;
    emit changed();  // redraw at full detail
    emit settled();
  });
}

void CameraRig::touch() {
  moving_ = true;
  settle_.start();
  emit changed();
}

void CameraRig::rotate(float yawDegrees, float pitchDegrees) {
  camera_.rotate(yawDegrees, pitchDegrees);
  touch();
}

void CameraRig::pan(float dx, float dy) {
  camera_.pan(dx, dy);
  touch();
}

void CameraRig::zoom(float factor) {
  camera_.zoom(factor);
  touch();
}

void CameraRig::frameAll() {
  camera_.frame(unitCube());
  emit changed();
  emit settled();
}

void CameraRig::setCamera(float yaw, float pitch, float distance, const glm::vec3& target) {
  camera_.set(yaw, pitch, distance, target);
  emit changed();
}

void CameraRig::resetView() {
  camera_.reset(unitCube());
  emit changed();
  emit settled();
}

}  // namespace interp3d
