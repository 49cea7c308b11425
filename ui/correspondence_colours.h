// Seeing the correspondence: one mesh painted with a colour cube over its bounding box (red along
// x, green along y, blue along z), the other painted with the colours of the points the morph
// matches to it. Where the colours agree, the morph takes that part there.
#pragma once

#include <memory>

#include "mesh/textured_mesh.h"

namespace interp3d {

class MorphSolver;

struct CorrespondenceColours {
  std::shared_ptr<const TexturedMesh> source, target;  // vertex-coloured copies, no texture
};

// fromSource: the source carries the cube; each target vertex takes the colour of the closest
// point of the source as the morph lays it on the target. Otherwise the target carries the cube and
// each source vertex takes the colour of the place it lands on. Both in their own files' units.
CorrespondenceColours colourByCorrespondence(const TexturedMesh& source, const TexturedMesh& target,
                                             const MorphSolver& solver, bool fromSource);

// The colour cube of a point in `box`.
glm::vec4 cubeColour(const BoundingBox& box, const glm::vec3& p);

}  // namespace interp3d
