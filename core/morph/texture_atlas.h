// UV atlases for meshes that have none (Debian's Open3D has no UVAtlas): charts grown across edges
// while the surface faces within 60 degrees of the chart's mean direction (so seams fall where the
// surface turns), their ragged borders smoothed, each projected onto its mean plane, packed by
// their actual shapes (column profiles with a gutter, in the best of four quarter turns, into any
// free space) at the largest single texel density that fits.
#pragma once

#include <functional>
#include <vector>

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include "mesh/textured_mesh.h"

namespace interp3d {

struct TriangleAtlas {
  int size = 0;                      // texture width = height, pixels
  std::vector<glm::vec2> cornerUVs;  // 3 per triangle, origin bottom-left
};

// UVs in [0, 1] for every corner; charts never overlap and keep a 2-texel gutter. The charts'
// outlines are drawn on `threads` threads; the layout does not depend on their number.
TriangleAtlas layoutChartAtlas(const TexturedMesh& mesh, int textureSize, int threads = 1);

struct Texel {
  int x = 0, y = 0;  // pixel, row 0 at the top
  std::uint32_t triangle = 0;
  glm::vec3 barycentric{0};  // weights of the triangle's corners
};

// Every texel whose centre lies in some triangle's chart.
std::vector<Texel> atlasTexels(const TriangleAtlas& atlas);

// Fills texels not covered by a chart from covered neighbours, `rings` pixels deep, so bilinear
// filtering at chart borders never reads the background.
void dilateImage(Image& image, std::vector<std::uint8_t>& covered, int rings);

}  // namespace interp3d
