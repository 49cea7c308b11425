// Landmark files: pairs of corresponding points, each in its own mesh's units.
//   {"pairs": [{"source": [x, y, z], "target": [x, y, z]}, ...]}
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "geometry/rigid_alignment.h"
#include "mesh/textured_mesh.h"
#include "morph/correspondence.h"

namespace interp3d {

// What a landmark file may hold: each pair adds a descriptor channel and a geodesic field, so a
// few dozen is plenty; the byte cap keeps a hostile file from taking the machine's memory.
constexpr std::size_t kMaxLandmarks = 256;
constexpr std::uintmax_t kMaxLandmarkFileBytes = 1u << 20;

// How far outside its mesh's bounding box a landmark may lie, in box sizes.
constexpr float kLandmarkSlack = 0.25f;

// Throws IoError naming the file for a missing, malformed or oversized file, a point that is not
// three finite numbers, or more than kMaxLandmarks pairs.
std::vector<Landmark> loadLandmarks(const std::filesystem::path& path);

// Points to look up (`interp3d-cli correspond`): {"points": [[x, y, z], ...]}, or a landmark file
// (its source points). Throws IoError naming the file as loadLandmarks does; at most kMaxPoints.
constexpr std::size_t kMaxPoints = 10000;
std::vector<glm::vec3> loadPoints(const std::filesystem::path& path);

// A labelled-points file (the semantic benchmark's, tests/data/landmarks): {"mesh":
// "spot/spot.obj", "points": {"nose": [x, y, z], ...}}: the mesh it labels and its points by
// label. Throws IoError naming the file as loadLandmarks does; at most kMaxPoints.
struct LabelledPoints {
  std::string mesh;
  std::map<std::string, glm::vec3> points;
};
LabelledPoints loadLabelledPoints(const std::filesystem::path& path);

// A landmark file's text for `pairs` (what loadLandmarks reads back).
std::string landmarksJson(const std::vector<Landmark>& pairs);

// Each pair's mirror image across the reflective symmetry planes of both meshes (their headings,
// findHeading), put back on the surfaces: one side's landmarks serve both sides of a symmetric
// pair. A mirror image within 5% of the source's diagonal of a source point already there
// (`taken`, the pairs themselves, or an image added before) is left out: a point on the plane is
// its own image. Empty when either heading is not distinct.
std::vector<Landmark> mirroredLandmarks(const std::vector<Landmark>& pairs,
                                        const TexturedMesh& source, const Heading& sourcePlane,
                                        const TexturedMesh& target, const Heading& targetPlane,
                                        const std::vector<glm::vec3>& taken = {});

// The first landmark lying more than kLandmarkSlack box sizes outside its mesh's bounding box,
// described for a user ("pair 3: the target point [...] is far from the target mesh, which spans
// ..."); empty when every point is near its mesh.
std::string describeFarLandmark(const std::vector<Landmark>& landmarks, const BoundingBox& source,
                                const BoundingBox& target);

// The same for points of the source alone ("point 2: the source point [...] is far ...").
std::string describeFarPoint(const std::vector<glm::vec3>& points, const BoundingBox& source);

}  // namespace interp3d
