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

// How far a mesh's surface may lie from its own mirror image (Heading::asymmetry, over the
// diagonal) for landmarks to be mirrored across its plane: a head turned aside (the Stanford
// bunny's, 2.3%) is not a mirror image of itself, a modelled animal is (under 0.1%).
constexpr double kMirrorAsymmetry = 0.01;

// What mirroring did beside the pairs it added.
struct MirrorReport {
  bool symmetric = false;      // both meshes mirror onto themselves (kMirrorAsymmetry)
  std::size_t taken = 0;       // images on the plane or at a point already marked
  std::size_t offSurface = 0;  // images with no surface near them (the sides differ there)
  std::size_t beyondRoom = 0;  // images past `room` (mirroredLandmarks), left out
};

// Each pair's mirror image across the reflective symmetry planes of both meshes (their headings,
// findHeading), put back on the surfaces: one side's landmarks serve both sides of a symmetric
// pair. An image within 5% of the source's diagonal of a source point already there (`taken`, the
// pairs themselves, or an image added before) is left out (a point on the plane is its own
// image), and so is an image farther than 3% of a diagonal from its mesh's surface before it is
// put back on it. Nothing is mirrored unless both headings are distinct and both meshes mirror
// onto themselves within kMirrorAsymmetry. At most `room` pairs are added (a landmark file holds
// kMaxLandmarks); the rest are counted in the report.
std::vector<Landmark> mirroredLandmarks(const std::vector<Landmark>& pairs,
                                        const TexturedMesh& source, const Heading& sourcePlane,
                                        const TexturedMesh& target, const Heading& targetPlane,
                                        const std::vector<glm::vec3>& taken = {},
                                        MirrorReport* report = nullptr, int threads = 0,
                                        std::size_t room = kMaxLandmarks);

// The first landmark lying more than kLandmarkSlack box sizes outside its mesh's bounding box,
// described for a user ("pair 3: the target point [...] is far from the target mesh, which spans
// ..."); empty when every point is near its mesh.
std::string describeFarLandmark(const std::vector<Landmark>& landmarks, const BoundingBox& source,
                                const BoundingBox& target);

// The same for points of the source alone ("point 2: the source point [...] is far ...").
std::string describeFarPoint(const std::vector<glm::vec3>& points, const BoundingBox& source);

}  // namespace interp3d
