// Distance fields on the lattice from an interface: the Eikonal equation |grad u| = 1 solved by
// first-order fast sweeping (Zhao 2005). redistance() turns any field whose zero level set is a
// surface back into a signed distance to that surface, keeping the zero set where it is.
#pragma once

#include <cstdint>
#include <vector>

#include "lattice/grid.h"

namespace interp3d {

// Fills u (distances, one per lattice point of `spec`) at the points not `fixed` from the fixed
// ones, which keep their values. Unknown points should start large.
void sweepDistances(std::vector<float>& u, const std::vector<std::uint8_t>& fixed,
                    const GridSpec& spec);

// The signed distance to the zero level set of `field` (negative inside stays negative), within
// six lattice cells of it: points beside the zero set get their first-order distance
// |f| / |grad f| and the rest are swept, except points where |f| exceeds six cells, which keep
// |f|. For a field whose gradient is at most 1 long (a blend of distances) such points are at
// least that far from the zero set, and no later step reads them closely.
void redistance(ScalarGrid& field);

}  // namespace interp3d
