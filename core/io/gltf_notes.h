// What the importer (Assimp 5.2) leaves out of a glTF's materials, read from the file's JSON: the
// colour texture's KHR_texture_transform, which moves the texture coordinates (ignored, it showed
// the wrong part of an atlas), and colour textures given only in a format nothing here decodes
// (WebP, KTX2, DDS) or extensions the file requires and nothing here reads (dropped in silence).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <glm/vec2.hpp>

namespace interp3d {

// KHR_texture_transform of one texture: scale, then rotation (radians, counter-clockwise in
// glTF's texture space, whose v points down), then offset.
struct UvTransform {
  glm::vec2 offset{0.0f};
  glm::vec2 scale{1.0f};
  float rotation = 0.0f;
  int texCoord = -1;  // the set of texture coordinates it reads instead of the texture's, if >= 0

  bool identity() const;
  // `uv` as imported (v up: 1 minus glTF's v), transformed, and returned the same way.
  glm::vec2 apply(const glm::vec2& uv) const;
};

struct GltfNotes {
  std::vector<UvTransform> baseColorTransforms;  // by glTF material (the importer's order)
  std::vector<std::string> warnings;             // each naming the file
};

// Empty notes for a file that is not glTF or whose JSON does not parse (the import says why).
GltfNotes readGltfNotes(const std::filesystem::path& path);

}  // namespace interp3d
