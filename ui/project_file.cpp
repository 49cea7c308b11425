#include "ui/project_file.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "util/atomic_file.h"
#include "util/error.h"

namespace interp3d {

namespace {
constexpr int kVersion = 1;
const char* kKind = "interp3d-project";

QJsonArray vec(const glm::vec3& v) {
  return {v.x, v.y, v.z};
}

[[noreturn]] void bad(const QString& path, const QString& what) {
  throw IoError(path.toStdString() + ": not an Interp3D project: " + what.toStdString());
}

glm::vec3 readVec(const QString& path, const QJsonValue& value, const char* what) {
  const QJsonArray a = value.toArray();
  if (a.size() != 3 || !a[0].isDouble() || !a[1].isDouble() || !a[2].isDouble())
    bad(path, QString("%1 must be [x, y, z]").arg(what));
  return {static_cast<float>(a[0].toDouble()), static_cast<float>(a[1].toDouble()),
          static_cast<float>(a[2].toDouble())};
}
}  // namespace

QJsonObject projectJson(const Project& project, const QDir& base) {
  QJsonObject root;
  root["kind"] = kKind;
  root["version"] = kVersion;
  auto relative = [&](const QString& file) {
    return file.isEmpty() ? QString() : base.relativeFilePath(file);
  };
  root["source"] = relative(project.source);
  root["target"] = relative(project.target);
  QJsonObject options;
  for (const OptionSpec& spec : morphOptionTable()) {
    if (spec.name == "landmarks") continue;  // the pairs themselves are in the project
    options[QString::fromStdString(spec.name)] =
        QString::fromStdString(optionValue(project.settings, spec.name));
  }
  root["options"] = options;
  QJsonArray pairs;
  for (const LandmarkList::Pair& p : project.landmarks) {
    QJsonObject pair;
    pair["source"] = p.source ? QJsonValue(vec(*p.source)) : QJsonValue();
    pair["target"] = p.target ? QJsonValue(vec(*p.target)) : QJsonValue();
    pairs.append(pair);
  }
  root["landmarks"] = pairs;
  QJsonObject camera;
  camera["yaw"] = project.yaw;
  camera["pitch"] = project.pitch;
  camera["distance"] = project.distance;
  camera["target"] = vec(project.lookAt);
  root["camera"] = camera;
  root["frame"] = project.frame;
  return root;
}

void saveProject(const Project& project, const QString& path) {
  writeFileAtomically(
      path.toStdString(),
      QJsonDocument(projectJson(project, QFileInfo(path).absoluteDir())).toJson().toStdString());
}

Project loadProject(const QString& path) {
  const std::string text = readFile(path.toStdString(), 16 * 1024 * 1024, "a project");
  QJsonParseError error;
  const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(text), &error);
  if (doc.isNull()) bad(path, error.errorString());
  const QJsonObject root = doc.object();
  if (root["kind"].toString() != kKind) bad(path, "no \"kind\": \"interp3d-project\"");
  if (root["version"].toInt() > kVersion)
    bad(path, QString("version %1 is newer than this program reads (%2)")
                  .arg(root["version"].toInt())
                  .arg(kVersion));
  const QDir base = QFileInfo(path).absoluteDir();
  Project project;
  auto absolute = [&](const char* key) {
    const QString rel = root[key].toString();
    return rel.isEmpty() ? QString() : QDir::cleanPath(base.absoluteFilePath(rel));
  };
  project.source = absolute("source");
  project.target = absolute("target");
  const QJsonObject options = root["options"].toObject();
  for (auto it = options.begin(); it != options.end(); ++it) {
    const std::string name = it.key().toStdString();
    if (name == "landmarks") continue;
    bool known = true;
    try {
      optionSpec(name);
    } catch (const UsageError&) {
      known = false;
    }
    if (!known) {  // from a newer program, say: the rest of the project still opens
      project.warnings.push_back(
          QString("%1: the option \"%2\" is unknown here and was skipped").arg(path, it.key()));
      continue;
    }
    // A value as written, text or number.
    const QString value =
        it.value().isString() ? it.value().toString() : it.value().toVariant().toString();
    try {
      applyOption(project.settings, name, value.toStdString());
    } catch (const UsageError& e) {
      bad(path, QString::fromStdString(e.what()));
    }
  }
  for (const QJsonValue& v : root["landmarks"].toArray()) {
    const QJsonObject pair = v.toObject();
    LandmarkList::Pair p;
    if (!pair["source"].isNull()) p.source = readVec(path, pair["source"], "a landmark's source");
    if (!pair["target"].isNull()) p.target = readVec(path, pair["target"], "a landmark's target");
    if (p.source || p.target) project.landmarks.push_back(p);
  }
  const QJsonObject camera = root["camera"].toObject();
  project.yaw = static_cast<float>(camera["yaw"].toDouble(project.yaw));
  project.pitch = static_cast<float>(camera["pitch"].toDouble(project.pitch));
  project.distance = static_cast<float>(camera["distance"].toDouble(project.distance));
  if (camera.contains("target")) project.lookAt = readVec(path, camera["target"], "camera target");
  project.frame = std::max(0, root["frame"].toInt(0));
  return project;
}

}  // namespace interp3d
