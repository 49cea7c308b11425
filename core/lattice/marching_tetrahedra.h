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

// Keeps the `count` largest connected components (by surface area), and of those only the ones
// with at least `minShare` of the kept area (the largest always); drops unused vertices.
void keepLargestComponents(TexturedMesh& mesh, std::size_t count, double minShare = 0.0);

// The surface area of the smallest connected component over the whole area (1 for one piece).
double smallestComponentShare(const TexturedMesh& mesh);

}  // namespace interp3d
