// The inputs of the learned prior's networks, built the same way in training and in the morph.
//
// Patch features (kPatchFeatures floats per lattice cell): the signed distances at the cell's 8
// corners in lattice units (distance / spacing) clamped to +-4, in the corner order of VoxelPatch;
// the colour as 2 * rgb - 1; the unit normal.
// Neighbourhood (kNeighbourhood floats): distances at the 4 x 4 x 4 lattice points from offset -1
// to +2 around the cell's corner 0, x fastest, in lattice units clamped to +-4.
// Flow condition (2 * latent + 1 + kNeighbourhood floats): the two endpoints' codes at the cell,
// the morph parameter, the neighbourhood of the blended field.
// Descriptor stencil (kStencilFeatures floats): distances at 3 x 3 x 3 points around a surface
// point at spacing kStencilRadii[0], then at kStencilRadii[1], each divided by its spacing and
// clamped to +-2.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>

#include <glm/geometric.hpp>
#include <glm/vec3.hpp>

#include "lattice/latent_codec.h"

namespace interp3d {

constexpr int kPatchFeatures = 14;
constexpr int kNeighbourhood = 64;
constexpr int kStencilFeatures = 54;
constexpr float kStencilRadii[2] = {0.03f, 0.09f};
constexpr float kDistanceClamp = 4.0f;

inline int flowConditionSize(int latent) {
  return 2 * latent + 1 + kNeighbourhood;
}

inline void patchFeatures(const VoxelPatch& patch, float spacing, float* out) {
  for (int c = 0; c < 8; ++c)
    out[c] = std::clamp(patch.sdf[c] / spacing, -kDistanceClamp, kDistanceClamp);
  for (int a = 0; a < 3; ++a) {
    out[8 + a] = 2.0f * patch.color[a] - 1.0f;
    out[11 + a] = patch.normal[a];
  }
}

inline VoxelPatch patchFromFeatures(const float* in, float spacing) {
  VoxelPatch patch;
  for (int c = 0; c < 8; ++c) patch.sdf[c] = in[c] * spacing;
  for (int a = 0; a < 3; ++a) {
    patch.color[a] = std::clamp(0.5f * (in[8 + a] + 1.0f), 0.0f, 1.0f);
    patch.normal[a] = in[11 + a];
  }
  const float len = glm::length(patch.normal);
  patch.normal = len > 1e-6f ? patch.normal / len : glm::vec3(0, 0, 1);
  return patch;
}

// The normal of a cell's distance samples (their gradient across the cell, normalised).
inline glm::vec3 cornerNormal(const std::array<float, 8>& d) {
  const glm::vec3 g((d[1] - d[0]) + (d[3] - d[2]) + (d[5] - d[4]) + (d[7] - d[6]),
                    (d[2] - d[0]) + (d[3] - d[1]) + (d[6] - d[4]) + (d[7] - d[5]),
                    (d[4] - d[0]) + (d[5] - d[1]) + (d[6] - d[2]) + (d[7] - d[3]));
  const float len = glm::length(g);
  return len > 1e-12f ? g / len : glm::vec3(0, 0, 1);
}

// A patch from corner distances alone (neutral grey, normal from the distances): what the
// structure prior sees.
inline VoxelPatch geometricPatch(const std::array<float, 8>& d) {
  VoxelPatch patch;
  patch.sdf = d;
  patch.color = glm::vec3(0.5f);
  patch.normal = cornerNormal(d);
  return patch;
}

// `distance(i, j, k)` gives the field at lattice offsets (i, j, k) from the cell's corner 0.
template <typename Field>
void neighbourhoodFeatures(const Field& distance, float spacing, float* out) {
  int n = 0;
  for (int k = -1; k <= 2; ++k)
    for (int j = -1; j <= 2; ++j)
      for (int i = -1; i <= 2; ++i)
        out[n++] = std::clamp(distance(i, j, k) / spacing, -kDistanceClamp, kDistanceClamp);
}

// `distance(p)` gives the shape's signed distance at a unit-cube point.
template <typename Distance>
void stencilFeatures(const Distance& distance, const glm::vec3& p, float* out) {
  int n = 0;
  for (float r : kStencilRadii)
    for (int k = -1; k <= 1; ++k)
      for (int j = -1; j <= 1; ++j)
        for (int i = -1; i <= 1; ++i)
          out[n++] = std::clamp(distance(p + r * glm::vec3(i, j, k)) / r, -2.0f, 2.0f);
}

}  // namespace interp3d
