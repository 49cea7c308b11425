// Signed distance of a triangle mesh at every lattice point of a grid.
#pragma once

#include "geometry/surface_query.h"
#include "lattice/grid.h"

namespace interp3d {

// Distance from the closest-point query; the sign (negative inside) from the parity of surface
// crossings along lattice rows in x, y and z, by majority vote, so a small hole in an open mesh
// (a teapot's lid gap) flips at most one of the three votes.
ScalarGrid signedDistanceGrid(const TexturedMesh& mesh, const SurfaceQuery& query,
                              const GridSpec& spec);

}  // namespace interp3d
