// Stage 3 of the pipeline (DESIGN.md), mesh path: a frame made of an input mesh itself. Its
// vertices are carried along the input's flow to the frame and settled on the frame's surface (the
// zero level set of frameField), alternating a step onto the surface with a tangential relaxation
// so that triangles keep their shape. The frame keeps the input's connectivity, UVs and materials,
// and with them its detail and texture layout: no remeshing, no pop where the sequence meets the
// input, and triangles and texture pixels as the artist made them. Near the input's own end of
// the morph the settled mesh blends back into the carried one, which at the end is the input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "lattice/grid.h"
#include "mesh/textured_mesh.h"
#include "util/progress.h"

namespace interp3d {

struct MeshFrameOptions {
  int settleSteps = 40;       // alternations of a step onto the surface and a relaxation
  float relax = 0.5f;         // weight of the tangential relaxation towards the neighbours' mean
  float blendRange = 0.4f;    // within this distance in s of its own end, the frame blends from the
                              // carried input (at the end) to the settled one
  float maxResidual = 0.25f;  // largest acceptable mean distance from the surface, in cells
  double minCoverage = 0.97;  // smallest acceptable fraction of the surface within a cell of the
                              // mesh (a mesh of the wrong topology spans or misses parts)
  double maxFlipped = 0.002;  // largest acceptable fraction of triangles turned over
  double maxRoughness = 1.2;  // largest acceptable roughness over the larger of the field's own
                              // surface's and the input's
  float nearEnd = 0.25f;      // frames whose blend weight towards the settled mesh is at most
                              // this are the carried input itself, near enough: accepted
                              // unless turned over (no pop where the sequence meets it)
  double maxSpanning = 0.005;  // largest acceptable area fraction of triangles whose middle is
                               // off the surface by more than a cell (a membrane over a hole)
};

struct MeshFrameFit {
  TexturedMesh mesh;       // the frame, unit-cube coordinates, the input's UVs and materials
  double residual = 0.0;   // mean |field| at the vertices, in lattice cells
  double coverage = 0.0;   // fraction of the field's surface within a cell of the mesh
  double flipped = 0.0;    // fraction of triangles of `mesh` turned over from the carried input
  double roughness = 0.0;  // surfaceRoughness of `mesh` over the reference
  double spanning = 0.0;   // area fraction of triangles whose middle is off the surface
  float weight = 1.0f;     // of the settled mesh against the carried input in `mesh`
  // Within the limits, beyond what the input itself shows on its own solid (`baseline`: a
  // faceted or self-intersecting input has faces against its solid and off it from the start).
  // A frame next to the input's end (`besideEnd`: no scheduled frame between them) is held to the
  // near-end standard whatever its weight: a lattice frame beside the input is a pop.
  bool acceptable(const MeshFrameOptions& o, const MeshFrameFit& baseline,
                  bool besideEnd = false) const {
    if (besideEnd || weight <= o.nearEnd) return flipped <= o.maxFlipped + baseline.flipped;
    return residual <= o.maxResidual + baseline.residual && coverage >= o.minCoverage &&
           flipped <= o.maxFlipped + baseline.flipped && roughness <= o.maxRoughness &&
           spanning <= o.maxSpanning + baseline.spanning;
  }
  bool acceptable(const MeshFrameOptions& o) const { return acceptable(o, MeshFrameFit()); }
};

// The quality measures of an input on its own solid (`sdf`), as they stand, nothing moved: what
// fits of it are measured against.
MeshFrameFit inputBaseline(const TexturedMesh& input, const std::vector<std::uint8_t>& internal,
                           const ScalarGrid& sdf);

// `carried` is the input (unit cube) with its vertices already moved along its flow to the frame;
// `distanceToEnd` is the frame's distance in s from that input's end (s for the source, 1 - s for
// the target); `surface` is the field's zero level set (for the coverage measure) and
// `referenceRoughness` what the fit's roughness is measured against (the larger of the surface's
// and the input's, so a faceted input is not held to a smooth surface's standard).
// Vertices marked in `internal` (an input's internal faces, deep inside its solid) are carried
// but not settled, and triangles touching them are left out of the quality measures.
MeshFrameFit fitMeshToFrame(const TexturedMesh& carried, const std::vector<std::uint8_t>& internal,
                            const ScalarGrid& field, const TexturedMesh& surface,
                            double referenceRoughness, double distanceToEnd,
                            const MeshFrameOptions& options, int threads,
                            const Progress& progress = {});

}  // namespace interp3d
