// The one orbit camera shared by the three viewports, plus whether it is moving (for LOD).
#pragma once

#include <QObject>
#include <QTimer>

#include "render/orbit_camera.h"

namespace interp3d {

class CameraRig : public QObject {
  Q_OBJECT
 public:
  explicit CameraRig(QObject* parent = nullptr);

  const OrbitCamera& camera() const { return camera_; }
  // True from an interaction until `settleMs` after the last one.
  bool moving() const { return moving_; }

  void rotate(float yawDegrees, float pitchDegrees);
  void pan(float dx, float dy);
  void zoom(float factor);
  void frameAll();  // the unit cube all viewports share
  void setCamera(float yaw, float pitch, float distance, const glm::vec3& target);
  void setCamera(const OrbitCamera& camera) {
    setCamera(camera.yaw(), camera.pitch(), camera.distance(), camera.target());
  }
  void resetView();  // three-quarter front view of the unit cube

 signals:
  void changed();
  // The camera came to rest after a move by the user (an orbit, a pan, a zoom, Frame All,
  // Reset View): one step of the view for undo.
  void settled();

 private:
  void touch();

  OrbitCamera camera_;
  bool moving_ = false;
  QTimer settle_;
};

}  // namespace interp3d
