// The zero level set of a lattice field as an adaptive mesh (OpenVDB's volume-to-mesh: one vertex
// per cell placed by the field's features, quads merged where the surface is flat enough), split
// into triangles. Far fewer triangles than marching tetrahedra for the same lattice, so a frame
// meets its triangle budget after a light decimation. Only adaptive_mesh.cpp sees OpenVDB.
#pragma once

#include "lattice/grid.h"
#include "mesh/textured_mesh.h"

namespace interp3d {

// `adaptivity` 0 keeps one polygon per surface cell; up to 1 merges flat regions more. Triangles
// face outwards (towards positive values); one default material.
TexturedMesh adaptiveZeroSurface(const ScalarGrid& field, double adaptivity = 0.1);

}  // namespace interp3d
