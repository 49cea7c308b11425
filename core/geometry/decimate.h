// Quadric-error decimation (Garland and Heckbert; Open3D's implementation behind a small
// interface): a mesh with at most a given number of triangles and the least change of shape.
// For surfaces meshed from the lattice, which come out with far more triangles than the inputs.
#pragma once

#include <cstddef>

#include "mesh/textured_mesh.h"

namespace interp3d {

// Positions and triangles only (UVs, colours and materials are dropped; one default material).
// A mesh already within the budget comes back unchanged.
TexturedMesh decimate(const TexturedMesh& mesh, std::size_t maxTriangles);

}  // namespace interp3d
