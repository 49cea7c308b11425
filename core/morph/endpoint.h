// Stage 1 of the pipeline (DESIGN.md) for one end of the morph: the solid's signed distance field
// on the lattice, passed through the structured latent's codec, and the surface query every later
// stage uses. What the correspondence, the frames and the texture fusion read of an input.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "geometry/surface_query.h"
#include "lattice/grid.h"
#include "lattice/latent_codec.h"
#include "lattice/solid_field.h"
#include "lattice/structured_latent.h"
#include "morph/mesh_frame.h"
#include "morph/normalize_align.h"
#include "util/progress.h"

namespace interp3d {

struct MorphEndpoint {
  const UnitMesh* mesh = nullptr;       // the input, owned by the solver's NormalizedPair
  std::unique_ptr<SurfaceQuery> query;  // on `repaired`
  ScalarGrid sdf;                       // signed distance (negative inside), codec-decoded
  StructuredLatent latent;              // active cells of the lattice, encoded by the codec
  TexturedMesh repaired;                // the input as a solid's surface (mesh/repair.h): what
                                        // frames made of this input are made of
  TexturedMesh fitMesh;                 // `repaired`, split until its edges are about a lattice
                                        // cell long: what is settled on a frame's surface (its
                                        // first vertices are those of `repaired`)
  double roughness = 0.0;               // of `fitMesh` (mesh/roughness.h)
  std::vector<std::uint8_t> internal;   // per vertex of `fitMesh`: deep inside the solid (part
                                        // of an internal face), so never on a frame's surface
  MeshFrameFit baseline;                // `fitMesh` measured on its own solid (mesh_frame.h)
  std::string solid;                    // what making the solid did (SolidField::describe)
  bool changed = false;                 // whether making the solid changed anything of the input
};

// Builds the query, the solid field on `spec` and the structured latent of `mesh` (which must
// outlive the endpoint). Checks `progress` for cancellation; throws MeshError when no usable solid
// can be made of the mesh.
MorphEndpoint prepareEndpoint(const UnitMesh& mesh, const GridSpec& spec, const LatentCodec& codec,
                              const SolidOptions& solid, const Progress& progress);

}  // namespace interp3d
