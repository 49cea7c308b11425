// Stage 3 of the pipeline (DESIGN.md), mesh path: a frame made of an input mesh itself. Its
// vertices are carried along the input's flow to the frame and settled on the frame's surface (the
// zero level set of frameField), alternating a step onto the surface with a tangential relaxation
// so that triangles keep their shape. The frame keeps the input's connectivity, UVs and materials,
// and with them its detail and texture layout: no remeshing, no pop where the sequence meets the
// input, and triangles and texture pixels as the artist made them. Near the input's own end of
// the morph the settled mesh blends back into the carried one, which at the end is the input.
#pragma once

#include <cstddef>

#include "lattice/grid.h"
#include "mesh/textured_mesh.h"
#include "util/progress.h"

namespace interp3d {

struct MeshFrameOptions {
  int settleSteps = 40;       // alternations of a step onto the surface and a relaxation
  float relax = 0.5f;         // weight of the tangential relaxation towards the neighbours' mean
  float blendRange = 0.25f;   // within this distance in s of its own end, the frame blends from the
                              // carried input (at the end) to the settled one
  float maxResidual = 0.25f;  // largest acceptable mean distance from the surface, in cells
  double minCoverage = 0.97;  // smallest acceptable fraction of the surface within a cell of the
                              // mesh (a mesh of the wrong topology spans or misses parts)
  double maxFlipped = 0.002;  // largest acceptable fraction of triangles turned over
  double maxRoughness = 1.2;  // largest acceptable roughness over that of the field's own surface
};

struct MeshFrameFit {
  TexturedMesh mesh;       // the frame, unit-cube coordinates, the input's UVs and materials
  double residual = 0.0;   // mean |field| at the vertices, in lattice cells
  double coverage = 0.0;   // fraction of the field's surface within a cell of the mesh
  double flipped = 0.0;    // fraction of triangles facing against the field's gradient
  double roughness = 0.0;  // surfaceRoughness of the mesh over that of the field's surface
  bool acceptable(const MeshFrameOptions& o) const {
    return residual <= o.maxResidual && coverage >= o.minCoverage && flipped <= o.maxFlipped &&
           roughness <= o.maxRoughness;
  }
};

// `carried` is the input (unit cube) with its vertices already moved along its flow to the frame;
// `distanceToEnd` is the frame's distance in s from that input's end (s for the source, 1 - s for
// the target); `surface` is the field's zero level set (for the coverage measure).
MeshFrameFit fitMeshToFrame(const TexturedMesh& carried, const ScalarGrid& field,
                            const TexturedMesh& surface, double distanceToEnd,
                            const MeshFrameOptions& options, int threads,
                            const Progress& progress = {});

}  // namespace interp3d
