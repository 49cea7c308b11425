// A UV atlas that gives every triangle its own chart: triangles are paired into square cells of a
// grid over the texture, each in one half of its cell with a gutter, so no texel is shared.
// Fast (linear in the triangle count) and seam-safe after dilation; texel density follows the
// cell size rather than triangle area.
#pragma once

#include <functional>
#include <vector>

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include "mesh/textured_mesh.h"

namespace interp3d {

struct TriangleAtlas {
  int size = 0;                     // texture width = height, pixels
  std::vector<glm::vec2> cornerUVs; // 3 per triangle, origin bottom-left
};

TriangleAtlas layoutTriangleAtlas(std::size_t triangleCount, int textureSize);

struct Texel {
  int x = 0, y = 0;           // pixel, row 0 at the top
  std::uint32_t triangle = 0;
  glm::vec3 barycentric{0};   // weights of the triangle's corners
};

// Every texel whose centre lies in some triangle's chart.
std::vector<Texel> atlasTexels(const TriangleAtlas& atlas);

// Fills texels not covered by a chart from covered neighbours, `rings` pixels deep, so bilinear
// filtering at chart borders never reads the background.
void dilateImage(Image& image, std::vector<std::uint8_t>& covered, int rings);

}  // namespace interp3d
