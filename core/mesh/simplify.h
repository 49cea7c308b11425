// Fast, approximate simplification by vertex clustering, for interactive level of detail.
#pragma once

#include <cstddef>

#include "mesh/textured_mesh.h"

namespace interp3d {

struct ClusterOptions {
  std::size_t targetTriangles = 150000;  // stop refining the grid once below this count
};

// Snaps vertices to a uniform grid over the bounding box (the cell size chosen so the result has
// at most about `targetTriangles` triangles), merges the vertices in each cell at their mean and
// drops triangles that collapse. Corner UVs and materials of surviving triangles are kept.
// Returns a copy when the mesh is already small enough.
TexturedMesh simplifyByClustering(const TexturedMesh& mesh, const ClusterOptions& options = {});

}  // namespace interp3d
