// The structured latent (DESIGN.md stage 1), as in TRELLIS's SLAT: for every lattice cell the
// surface passes through, a code for its local patch (signed distances at the cell's 8 corners,
// colour and normal) made by a LatentCodec. What the morph interpolates and meshes is the codec's
// decoding of it.
#pragma once

#include <vector>

#include <glm/vec3.hpp>

#include "lattice/grid.h"
#include "lattice/latent_codec.h"
#include "mesh/textured_mesh.h"

namespace interp3d {

class SurfaceQuery;

struct StructuredLatent {
  std::vector<glm::ivec3> cells;  // lattice index of each active cell's corner 0
  std::vector<float> codes;       // cells.size() * codeSize
  int codeSize = 0;
};

// Encodes every lattice cell of `sdf` whose corners change sign. Colours and normals come from
// `mesh` (in the lattice's coordinates) at the surface point nearest each cell centre, found with
// `query` (built on `mesh`).
StructuredLatent encodeStructuredLatent(const ScalarGrid& sdf, const TexturedMesh& mesh,
                                        const SurfaceQuery& query, const LatentCodec& codec);

// Writes the decoded corner distances back into `sdf` (corners shared by several active cells
// get the mean of their decoded values); lattice points outside active cells are unchanged.
void decodeStructuredLatent(const StructuredLatent& latent, const LatentCodec& codec,
                            ScalarGrid& sdf);

}  // namespace interp3d
