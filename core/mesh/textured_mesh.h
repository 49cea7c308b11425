// The mesh model shared by every stage: welded positions, triangles, per-corner UVs and
// per-triangle materials with decoded base-colour textures.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>
#include <glm/vec4.hpp>

namespace interp3d {

// A decoded 8-bit RGBA image. Rows are stored top row first; pixel (x, y) starts at
// rgba[4 * (y * width + x)].
struct Image {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgba;  // width * height * 4 bytes

  bool empty() const { return width <= 0 || height <= 0; }
  // Bilinear sample with wrap-around; uv origin is the bottom-left corner (v up), as in OBJ/GL.
  glm::vec4 sample(glm::vec2 uv) const;
};

struct Material {
  std::string name;
  glm::vec4 baseColorFactor{1.0f, 1.0f, 1.0f, 1.0f};  // linear multiplier of the texture, RGBA 0..1
  Image baseColorTexture;                             // empty when the material has none
  std::string textureSource;                          // file name or "embedded", for messages
};

struct TexturedMesh {
  std::vector<glm::vec3> positions;   // #V; vertices are welded (one per distinct position)
  std::vector<glm::vec3> normals;     // #V unit normals, outward for counter-clockwise triangles
  std::vector<glm::uvec3> triangles;  // #F, counter-clockwise seen from outside
  std::vector<glm::vec2> cornerUVs;   // 3 * #F (corner k of triangle f at 3f+k), or empty
  std::vector<std::uint32_t> materialIds;  // #F, index into materials
  std::vector<Material> materials;         // at least one when the mesh has triangles
  std::vector<glm::vec4> vertexColors;     // #V RGBA 0..1, or empty

  std::size_t vertexCount() const { return positions.size(); }
  std::size_t triangleCount() const { return triangles.size(); }
  bool hasUVs() const { return cornerUVs.size() == 3 * triangles.size() && !triangles.empty(); }
  bool hasTexture() const;
};

struct BoundingBox {
  glm::vec3 min{0.0f};
  glm::vec3 max{0.0f};
  glm::vec3 size() const { return max - min; }
  glm::vec3 center() const { return 0.5f * (min + max); }
  float diagonal() const;
};

BoundingBox boundingBox(const std::vector<glm::vec3>& points);

// Area-weighted vertex normals from the triangles. Isolated vertices get (0, 0, 1).
void computeVertexNormals(TexturedMesh& mesh);

// Throws MeshError naming `source` (a file name, for messages) when the mesh has no triangles,
// non-finite coordinates or UVs, triangle indices out of range, or material ids out of range.
void validateMesh(const TexturedMesh& mesh, const std::string& source);

// A point on a triangle of a mesh.
struct SurfacePoint {
  glm::vec3 position{0.0f};
  std::uint32_t triangle = 0;
  glm::vec2 barycentric{0.0f};  // weights of corners 1 and 2; corner 0 gets 1 - u - v
};

// Texture coordinate of a surface point (zero when the mesh has no UVs).
glm::vec2 uvAt(const TexturedMesh& mesh, const SurfacePoint& p);

// Colour of the surface at a point: material factor times texture (if any), times the
// interpolated vertex colour (if any).
glm::vec4 colorAt(const TexturedMesh& mesh, const SurfacePoint& p);

// The same at corner k of triangle f.
glm::vec4 cornerColor(const TexturedMesh& mesh, std::size_t f, int k);

// Per triangle, its texture chart: triangles are joined across edges whose two ends have the same
// texture coordinates on both sides; a chart's id is one of its triangles. Needs UVs.
std::vector<std::uint32_t> textureCharts(const TexturedMesh& mesh);

}  // namespace interp3d
