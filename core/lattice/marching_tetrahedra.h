// Iso-surface extraction on a lattice by marching tetrahedra (each cube split into six tetrahedra
// around its main diagonal). The result is closed and 2-manifold wherever the field is positive on
// the grid border; triangles face towards positive values (outward for a signed distance).
#pragma once

#include "lattice/grid.h"
#include "mesh/textured_mesh.h"

namespace interp3d {

// Extracts the zero level set. Values within 1% of a cell of zero are pushed away from it, so
// vertices never coincide with lattice points.
// Border lattice points are treated as outside, so the surface is always closed.
TexturedMesh extractZeroSurface(const ScalarGrid& field);

// Keeps the `count` largest connected components (by surface area); drops unused vertices.
void keepLargestComponents(TexturedMesh& mesh, std::size_t count);

}  // namespace interp3d
