// A project: what an artist set up, to come back to it. A small JSON file (*.i3dproj) holding the
// two inputs by path relative to the project file, every option of the morph, the landmark pairs,
// the camera and the timeline position. Saving is atomic; loading names the file and what is
// wrong with it.
#pragma once

#include <vector>

#include <QDir>
#include <QJsonObject>
#include <QString>
#include <glm/vec3.hpp>

#include "jobs/option_table.h"
#include "ui/landmark_list.h"

namespace interp3d {

struct Project {
  QString source, target;  // absolute paths; empty when not loaded
  MorphSettings settings = defaultMorphSettings();
  std::vector<LandmarkList::Pair> landmarks;
  float yaw = 30.0f, pitch = 20.0f, distance = 2.5f;
  glm::vec3 lookAt{0.0f};
  int frame = 0;
  std::vector<QString> warnings;  // what was read but skipped (an option this program lacks)
};

// The project as JSON, paths relative to `base` (what is saved; equal JSON, equal projects).
QJsonObject projectJson(const Project& project, const QDir& base);

// Throws IoError ("PATH: cannot write: ...").
void saveProject(const Project& project, const QString& path);
// Throws IoError ("PATH: not an Interp3D project: ...") or UsageError for an option out of range.
Project loadProject(const QString& path);

}  // namespace interp3d
