// Morphological closing and opening of a solid given by its signed distance field, and the
// topology of its surface. A closing fills tunnels and cracks thinner than twice the radius, an
// opening cuts bridges as thin; both leave the rest of the surface where it was. Used to remove the
// handles a lattice adds to thin features, and the transient handles of a blend.
#pragma once

#include <cstddef>

#include "lattice/grid.h"
#include "mesh/topology.h"

namespace interp3d {

// The solid grown by `radius` then shrunk by it (a negative radius: shrunk, then grown), as a
// signed distance again.
ScalarGrid closed(const ScalarGrid& field, float radius);

// Components and handles of the field's zero level set, meshed adaptively with its `components`
// largest parts kept.
TopologyStats surfaceTopology(const ScalarGrid& field, std::size_t components);

// Closes then opens by one lattice cell, two, ... up to `maxCells`, keeping each change that
// lowers the handles without adding parts or losing them all, until the surface has at most
// `maxGenus`. Returns the radius last applied in
// cells (positive a closing, negative an opening, 0 none) and updates `field` and `genus`.
int reduceHandles(ScalarGrid& field, std::size_t components, std::size_t maxGenus, int maxCells,
                  std::size_t& genus);

}  // namespace interp3d
