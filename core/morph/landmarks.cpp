#include "morph/landmarks.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <sstream>

#include <glm/geometric.hpp>
#include <nlohmann/json.hpp>

#include "geometry/surface_query.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace interp3d {

namespace {
// [x, y, z] of three finite numbers, or an IoError that starts with `where`.
glm::vec3 readXyz(const nlohmann::json& p, const std::string& where) {
  if (!p.is_array() || p.size() != 3) throw IoError(where + " must be [x, y, z]");
  glm::vec3 out;
  for (int a = 0; a < 3; ++a) {
    if (!p[a].is_number() || !std::isfinite(p[a].get<double>()))
      throw IoError(where + " needs three finite numbers [x, y, z]");
    out[a] = p[a].get<float>();
  }
  return out;
}

// A pair's point `key`, or an IoError naming the file, the pair and the key.
glm::vec3 readPoint(const nlohmann::json& pair, const char* key, std::size_t index,
                    const std::string& file) {
  const std::string where = file + ": pair " + std::to_string(index + 1) + ": '" + key + "'";
  if (!pair.is_object() || !pair.contains(key))
    throw IoError(where + " is missing (each pair needs \"source\" and \"target\")");
  return readXyz(pair.at(key), where);
}
}  // namespace

namespace {
bool farFrom(const glm::vec3& p, const BoundingBox& b) {
  const glm::vec3 size = b.max - b.min;
  const float slack = kLandmarkSlack * std::max({size.x, size.y, size.z});
  for (int a = 0; a < 3; ++a) {
    if (!(p[a] >= b.min[a] - slack && p[a] <= b.max[a] + slack)) return true;
  }
  return false;
}

std::string text(const glm::vec3& p) {
  std::ostringstream s;
  s << "[" << p.x << ", " << p.y << ", " << p.z << "]";
  return s.str();
}

std::string farText(const glm::vec3& p, const BoundingBox& b, const char* mesh) {
  return "the " + std::string(mesh) + " point " + text(p) + " is far from the " + mesh +
         " mesh, which spans " + text(b.min) + " to " + text(b.max);
}
}  // namespace

std::string describeFarLandmark(const std::vector<Landmark>& landmarks, const BoundingBox& source,
                                const BoundingBox& target) {
  for (std::size_t i = 0; i < landmarks.size(); ++i) {
    for (const bool isSource : {true, false}) {
      const glm::vec3& p = isSource ? landmarks[i].source : landmarks[i].target;
      const BoundingBox& b = isSource ? source : target;
      if (!farFrom(p, b)) continue;
      return "pair " + std::to_string(i + 1) + ": " +
             farText(p, b, isSource ? "source" : "target") +
             " (landmarks are in each mesh's own units)";
    }
  }
  return {};
}

std::string describeFarPoint(const std::vector<glm::vec3>& points, const BoundingBox& source) {
  for (std::size_t i = 0; i < points.size(); ++i)
    if (farFrom(points[i], source))
      return "point " + std::to_string(i + 1) + ": " + farText(points[i], source, "source") +
             " (points are in the source mesh's units)";
  return {};
}

std::vector<Landmark> loadLandmarks(const std::filesystem::path& path) {
  const std::string file = path.string();
  const std::string text = readFile(path, kMaxLandmarkFileBytes, "a landmark file");
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("pairs") || !j["pairs"].is_array()) {
    throw IoError(file +
                  ": not a landmark file (expected {\"pairs\": [{\"source\": [x,y,z], \"target\": "
                  "[x,y,z]}]})");
  }
  if (j["pairs"].size() > kMaxLandmarks) {
    throw IoError(file + ": " + std::to_string(j["pairs"].size()) +
                  " pairs is more than a morph can use (at most " + std::to_string(kMaxLandmarks) +
                  "); a few well-placed pairs pin a correspondence");
  }
  std::vector<Landmark> out;
  for (std::size_t i = 0; i < j["pairs"].size(); ++i) {
    const nlohmann::json& pair = j["pairs"][i];
    out.push_back({readPoint(pair, "source", i, file), readPoint(pair, "target", i, file)});
  }
  // One source point sent to two places cannot be met: the correspondence met neither.
  for (std::size_t a = 0; a < out.size(); ++a)
    for (std::size_t b = a + 1; b < out.size(); ++b)
      if (out[a].source == out[b].source && out[a].target != out[b].target)
        throw IoError(file + ": pairs " + std::to_string(a + 1) + " and " + std::to_string(b + 1) +
                      " send the same source point to two different places");
  return out;
}

std::vector<glm::vec3> loadPoints(const std::filesystem::path& path) {
  const std::string file = path.string();
  const std::string text = readFile(path, kMaxLandmarkFileBytes, "a points file");
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  const std::string none = file + ": there are no points to look up (give at least one [x, y, z])";
  if (!j.is_discarded() && j.is_object() && j.contains("pairs")) {
    std::vector<glm::vec3> out;
    for (const Landmark& l : loadLandmarks(path)) out.push_back(l.source);
    if (out.empty()) throw IoError(none);
    return out;
  }
  if (j.is_discarded() || !j.is_object() || !j.contains("points") || !j["points"].is_array()) {
    throw IoError(file +
                  ": not a points file (expected {\"points\": [[x,y,z], ...]} or a landmark "
                  "file)");
  }
  const nlohmann::json& points = j["points"];
  if (points.empty()) throw IoError(none);
  if (points.size() > kMaxPoints)
    throw IoError(file + ": " + std::to_string(points.size()) + " points is more than " +
                  std::to_string(kMaxPoints) + " at a time");
  std::vector<glm::vec3> out;
  for (std::size_t i = 0; i < points.size(); ++i)
    out.push_back(readXyz(points[i], file + ": point " + std::to_string(i + 1)));
  return out;
}

LabelledPoints loadLabelledPoints(const std::filesystem::path& path) {
  const std::string file = path.string();
  const std::string text = readFile(path, kMaxLandmarkFileBytes, "a label file");
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("mesh") || !j["mesh"].is_string() ||
      !j.contains("points") || !j["points"].is_object() || j["points"].empty())
    throw IoError(file +
                  ": not a label file (expected {\"mesh\": \"dir/file.obj\", \"points\": "
                  "{\"nose\": [x, y, z], ...}})");
  if (j["points"].size() > kMaxPoints)
    throw IoError(file + ": " + std::to_string(j["points"].size()) + " points is more than " +
                  std::to_string(kMaxPoints) + " at a time");
  LabelledPoints out;
  out.mesh = j["mesh"].get<std::string>();
  for (const auto& [label, p] : j["points"].items())
    out.points[label] = readXyz(p, file + ": point '" + label + "'");
  return out;
}

std::string landmarksJson(const std::vector<Landmark>& pairs) {
  // One pair a line, numbers to float precision: a file people read and edit.
  auto point = [](const glm::vec3& p) {
    char buffer[96];
    std::snprintf(buffer, sizeof(buffer), "[%.7g, %.7g, %.7g]", p.x, p.y, p.z);
    return std::string(buffer);
  };
  std::string out = "{\"pairs\": [";
  for (std::size_t i = 0; i < pairs.size(); ++i)
    out += std::string(i ? "," : "") + "\n  {\"source\": " + point(pairs[i].source) +
           ", \"target\": " + point(pairs[i].target) + "}";
  return out + (pairs.empty() ? "]}\n" : "\n]}\n");
}

std::vector<Landmark> mirroredLandmarks(const std::vector<Landmark>& pairs,
                                        const TexturedMesh& source, const Heading& sourcePlane,
                                        const TexturedMesh& target, const Heading& targetPlane,
                                        const std::vector<glm::vec3>& taken, MirrorReport* report,
                                        int threads, std::size_t room) {
  MirrorReport r;
  std::vector<Landmark> added;
  r.symmetric = sourcePlane.distinct && targetPlane.distinct &&
                sourcePlane.asymmetry <= kMirrorAsymmetry &&
                targetPlane.asymmetry <= kMirrorAsymmetry;
  if (!pairs.empty() && r.symmetric) {
    const SurfaceQuery sourceSurface(source, threads), targetSurface(target, threads);
    const float sourceSize = boundingBox(source.positions).diagonal(),
                targetSize = boundingBox(target.positions).diagonal();
    // `p`'s mirror image across the heading's vertical symmetry plane, put back on the surface
    // when it lies within `reach` of it.
    auto mirrored = [](const SurfaceQuery& surface, const Heading& h, const glm::vec3& p,
                       float reach) -> std::optional<glm::vec3> {
      const glm::vec3 side = glm::normalize(glm::cross(h.forward, glm::vec3(0.0f, 1.0f, 0.0f)));
      const glm::vec3 image = p - 2.0f * glm::dot(p - h.centre, side) * side;
      const glm::vec3 onSurface = surface.closest({image})[0].position;
      if (glm::distance(image, onSurface) > reach) return std::nullopt;
      return onSurface;
    };
    std::vector<glm::vec3> there = taken;
    for (const Landmark& l : pairs) there.push_back(l.source);
    for (const Landmark& l : pairs) {
      const std::optional<glm::vec3> s =
          mirrored(sourceSurface, sourcePlane, l.source, 0.03f * sourceSize);
      const std::optional<glm::vec3> t =
          mirrored(targetSurface, targetPlane, l.target, 0.03f * targetSize);
      if (!s || !t) {
        ++r.offSurface;
        continue;
      }
      if (std::any_of(there.begin(), there.end(), [&](const glm::vec3& q) {
            return glm::distance(*s, q) < 0.05f * sourceSize;
          })) {
        ++r.taken;
        continue;
      }
      added.push_back({*s, *t});
      there.push_back(*s);
    }
  }
  if (added.size() > room) {
    r.beyondRoom = added.size() - room;
    added.resize(room);
  }
  if (report) *report = r;
  return added;
}

}  // namespace interp3d
