#include "io/gltf_notes.h"

#include <cmath>
#include <set>

#include <nlohmann/json.hpp>

#include "io/mesh_precheck.h"

namespace fs = std::filesystem;

namespace interp3d {

namespace {

using json = nlohmann::json;

const json& member(const json& j, const char* key) {
  static const json none;
  return j.is_object() && j.contains(key) ? j.at(key) : none;
}

glm::vec2 pair(const json& j, glm::vec2 fallback) {
  if (!j.is_array() || j.size() != 2 || !j[0].is_number() || !j[1].is_number()) return fallback;
  return {j[0].get<float>(), j[1].get<float>()};
}

// Texture formats a glTF may give only through an extension, none of which is decoded here.
constexpr std::pair<const char*, const char*> kImageExtensions[] = {
    {"EXT_texture_webp", "WebP"},
    {"KHR_texture_basisu", "KTX2"},
    {"MSFT_texture_dds", "DDS"},
};

// Extensions a file may require that change nothing the import reads (shading, lights, variants)
// or that the import handles itself (the transform here, the formats above by a warning each,
// Draco in the importer); quantised and meshopt-compressed data is refused before import.
bool handled(const std::string& extension) {
  static const std::set<std::string> known = {"KHR_texture_transform", "KHR_draco_mesh_compression",
                                              "KHR_lights_punctual",   "KHR_materials_variants",
                                              "EXT_texture_webp",      "KHR_texture_basisu",
                                              "MSFT_texture_dds"};
  return known.count(extension) > 0 || extension.rfind("KHR_materials_", 0) == 0;
}

}  // namespace

bool UvTransform::identity() const {
  return offset == glm::vec2(0.0f) && scale == glm::vec2(1.0f) && rotation == 0.0f;
}

glm::vec2 UvTransform::apply(const glm::vec2& uv) const {
  const glm::vec2 s = glm::vec2(uv.x, 1.0f - uv.y) * scale;  // in glTF's texture space
  const float c = std::cos(rotation), n = std::sin(rotation);
  const glm::vec2 moved = glm::vec2(c * s.x + n * s.y, -n * s.x + c * s.y) + offset;
  return {moved.x, 1.0f - moved.y};
}

GltfNotes readGltfNotes(const fs::path& path) {
  GltfNotes notes;
  const json gltf = json::parse(gltfJsonText(path), nullptr, false);
  if (gltf.is_discarded() || !gltf.is_object()) return notes;
  const json& textures = member(gltf, "textures");
  const json& materials = member(gltf, "materials");
  for (std::size_t i = 0; materials.is_array() && i < materials.size(); ++i) {
    const json& info = member(member(materials[i], "pbrMetallicRoughness"), "baseColorTexture");
    const json& t = member(member(info, "extensions"), "KHR_texture_transform");
    UvTransform transform;
    transform.offset = pair(member(t, "offset"), transform.offset);
    transform.scale = pair(member(t, "scale"), transform.scale);
    if (member(t, "rotation").is_number()) transform.rotation = t["rotation"].get<float>();
    if (member(t, "texCoord").is_number_unsigned()) transform.texCoord = t["texCoord"].get<int>();
    notes.baseColorTransforms.push_back(transform);

    const json& index = member(info, "index");
    if (!index.is_number_unsigned() || !textures.is_array() ||
        index.get<std::size_t>() >= textures.size())
      continue;
    const json& texture = textures[index.get<std::size_t>()];
    if (member(texture, "source").is_number_unsigned()) continue;  // an image the import reads
    for (const auto& [extension, format] : kImageExtensions) {
      if (member(member(texture, "extensions"), extension).is_null()) continue;
      const json& name = member(materials[i], "name");
      notes.warnings.push_back(
          path.string() + ": the colour texture of material " +
          (name.is_string() ? "'" + name.get<std::string>() + "'" : std::to_string(i)) +
          " is only given as " + format + " (" + extension +
          "), which cannot be read here; the material uses its base colour "
          "(export the texture as PNG or JPEG)");
      break;
    }
  }
  for (const json& e : member(gltf, "extensionsRequired"))
    if (e.is_string() && !handled(e.get<std::string>()))
      notes.warnings.push_back(path.string() + ": the file requires the extension " +
                               e.get<std::string>() +
                               ", which is not read here; what it adds to the model is missing");
  return notes;
}

}  // namespace interp3d
