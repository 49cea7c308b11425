// Loading a mesh for display, off the GUI thread: the mesh, a lighter copy for camera motion,
// its unit-cube transform and a summary. Errors come back as text, never as exceptions.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "geometry/rigid_alignment.h"
#include "io/mesh_import.h"
#include "mesh/mesh_info.h"
#include "mesh/normalize.h"
#include "mesh/textured_mesh.h"

namespace interp3d {

struct ViewMesh {
  std::string path;
  std::shared_ptr<const TexturedMesh> mesh;  // null when loading failed
  std::shared_ptr<const TexturedMesh> lod;   // null when the mesh is small enough to draw as is
  Similarity toUnit;
  // The turn about +Y (radians) that brings the model's front (findFront) to face +Z, the side
  // the default camera looks from; 0 when it has no distinct front.
  float facing = 0.0f;
  Heading heading;  // its symmetry plane (for mirroring landmarks) when heading.distinct
  MeshInfo info;
  std::vector<std::string> warnings;
  std::string error;  // non-empty when loading failed
  double seconds = 0.0;
};

// Meshes above this many triangles get a level-of-detail copy for camera motion.
constexpr std::size_t kLodThresholdTriangles = 300000;
// Size of that copy: small enough for 30 fps orbiting on a software renderer.
constexpr std::size_t kLodTargetTriangles = 80000;

// Safe to call from any thread. A cancelled `progress` ends the load within 0.1 s with the
// error "cancelled".
ViewMesh loadViewMesh(const std::string& path, const ImportOptions& import = {},
                      const Progress& progress = Progress());

}  // namespace interp3d
