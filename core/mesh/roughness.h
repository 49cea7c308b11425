// How smooth a surface looks, as one number (used by `evaluate` and to accept frames).
#pragma once

#include "mesh/textured_mesh.h"

namespace interp3d {

// Roughness as the eye sees it: the area-weighted mean over faces f of 1 - n_f . m_f, where n_f is
// f's unit normal and m_f the area-weighted mean normal of the faces whose centroids lie within
// `radiusFraction` of the bounding-box diagonal of f's centroid. A smooth surface scores near 0;
// creases, wrinkles and shards score high. Degenerate faces are skipped. A mesh of more than
// kExactFaces faces is measured on an even subsample of that many (its cost stays that of such a
// mesh; a 1.5M-face mesh took 20 s measured whole).
constexpr std::size_t kExactFaces = 50000;
double surfaceRoughness(const TexturedMesh& mesh, double radiusFraction = 0.02);

}  // namespace interp3d
