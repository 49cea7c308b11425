// Midpoint subdivision: each triangle becomes four. Positions are not smoothed, so the surface
// and its texture mapping are unchanged; used to make large test meshes from small ones.
#pragma once

#include "mesh/textured_mesh.h"

namespace interp3d {

// Returns the mesh subdivided `levels` times (4^levels as many triangles). Edge midpoints are
// shared between neighbouring triangles, so a closed mesh stays closed.
TexturedMesh subdivideMidpoint(const TexturedMesh& mesh, int levels);

}  // namespace interp3d
