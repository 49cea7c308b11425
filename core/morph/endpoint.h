// Stage 1 of the pipeline (DESIGN.md) for one end of the morph: the solid's signed distance field
// on the lattice, passed through the structured latent's codec, and the surface query every later
// stage uses. What the correspondence, the frames and the texture fusion read of an input.
#pragma once

#include <memory>
#include <string>

#include "geometry/surface_query.h"
#include "lattice/grid.h"
#include "lattice/latent_codec.h"
#include "lattice/solid_field.h"
#include "lattice/structured_latent.h"
#include "morph/normalize_align.h"
#include "util/progress.h"

namespace interp3d {

struct MorphEndpoint {
  const UnitMesh* mesh = nullptr;       // the input, owned by the solver's NormalizedPair
  std::unique_ptr<SurfaceQuery> query;  // on mesh->unit
  ScalarGrid sdf;                       // signed distance (negative inside), codec-decoded
  StructuredLatent latent;              // active cells of the lattice, encoded by the codec
  std::string solid;                    // what making the solid did (SolidField::describe)
  bool repaired = false;                // whether it changed anything of the input
};

// Builds the query, the solid field on `spec` and the structured latent of `mesh` (which must
// outlive the endpoint). Checks `progress` for cancellation; throws MeshError when no usable solid
// can be made of the mesh.
MorphEndpoint prepareEndpoint(const UnitMesh& mesh, const GridSpec& spec, const LatentCodec& codec,
                              const SolidOptions& solid, const Progress& progress);

}  // namespace interp3d
