// UV atlases for meshes that have none (Debian's Open3D has no UVAtlas): charts grown from
// triangles facing the same axis direction, projected onto that axis's plane and shelf-packed
// with a gutter, at one texel density for the whole surface.
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

// Charts are the connected groups of triangles whose normals share a dominant axis (+-X, +-Y,
// +-Z); each is projected onto the plane of that axis. Linear time in the triangle count.
TriangleAtlas layoutChartAtlas(const TexturedMesh& mesh, int textureSize);

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
