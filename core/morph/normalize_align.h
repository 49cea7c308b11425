// Stage 0 of the pipeline (DESIGN.md): both meshes centred and scaled into the unit cube, the
// transforms kept so that frames go back to the user's units; by default the target turned about
// the up axis to face the way the source faces (alignHeading), or onto the source by the best of
// the 24 axis rotations and ICP, in which case frames turn from the source's pose to the target's.
#pragma once

#include <cstddef>
#include <cstdint>

#include "geometry/rigid_alignment.h"
#include "mesh/normalize.h"
#include "mesh/textured_mesh.h"

namespace interp3d {

struct AlignOptions {
  bool enabled = true;         // rigidly pre-align the target to the source
  bool heading = true;         // by turning it about +Y to face the source's way (alignHeading),
                               // not by the 24 axis rotations and ICP (the default: on labelled
                               // pairs it brought the mean landmark error from 28% of the
                               // diagonal to 11%, `bench semantic`)
  std::size_t samples = 3000;  // surface samples per mesh for scoring rotations and for ICP
  int icpIterations = 30;      // ICP iterations after the best axis rotation
};

// One input of the morph in its own units and in the unit cube.
struct UnitMesh {
  TexturedMesh original;       // user units, as loaded
  TexturedMesh unit;           // in the unit cube [-0.5, 0.5]^3 (the target also aligned)
  Similarity toUnit;           // original -> unit cube, before any alignment
  std::size_t components = 1;  // connected components of triangles (at least 1)
};

struct NormalizedPair {
  UnitMesh source, target;
  RigidTransform alignment;  // target's unit cube -> source's (identity without alignment)
};

// Normalises both meshes (and aligns the target when `options.enabled`).
NormalizedPair normalizeAndAlign(TexturedMesh source, TexturedMesh target,
                                 const AlignOptions& options, std::uint32_t seed);

// The transform from the interpolated user units of the frame at morph parameter s into the unit
// cube (interpolateSimilarity: sizes change geometrically, the centre in step with the size).
Similarity unitTransformAt(const NormalizedPair& pair, double s);

// Moves a frame at s from the (aligned) unit cube back to interpolated user units: part s of the
// alignment is undone, then the interpolated scale and centre. Recomputes vertex normals.
void toUserUnits(TexturedMesh& frame, const NormalizedPair& pair, double s);

// A point of the target in its own units -> the aligned unit cube, and back.
glm::vec3 targetToUnit(const NormalizedPair& pair, const glm::vec3& p);
glm::vec3 targetFromUnit(const NormalizedPair& pair, const glm::vec3& q);

}  // namespace interp3d
