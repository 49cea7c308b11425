// Export of textured meshes: GLB (texture embedded), OBJ+MTL+PNG, PLY (vertex colours).
// Every file is written atomically: a failed export never leaves a half-written file.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "mesh/textured_mesh.h"

namespace interp3d {

enum class MeshFormat { Glb, Obj, Ply };

// The format for a file name's extension (.glb, .obj, .ply). Throws UsageError otherwise.
MeshFormat formatFromExtension(const std::filesystem::path& path);

// Shapes of one mesh's vertices that a glTF file carries as morph targets (Blender's shape keys)
// with an animation that goes through them one after the other.
struct ShapeKeys {
  std::vector<std::vector<glm::vec3>> positions;  // per key, a position for every mesh vertex
  std::vector<std::string> names;                 // per key
  float framesPerSecond = 24.0f;  // the animation: the mesh itself at time 0, key k alone
                                  // (weight 1) at time (k + 1) / framesPerSecond, blended between
};

// Binary glTF 2.0: one primitive per material, base-colour textures embedded as PNG; with `keys`,
// each primitive also gets a morph target per key and the file a weight animation over them.
// Throws MeshError when a key has not one finite position per vertex.
void saveGlb(const TexturedMesh& mesh, const std::filesystem::path& path,
             const ShapeKeys* keys = nullptr);

// OBJ with an MTL beside it (same stem) and one PNG per textured material (stem_matN.png).
void saveObj(const TexturedMesh& mesh, const std::filesystem::path& path);

// Binary little-endian PLY with per-vertex RGBA (textures sampled and averaged per vertex).
void savePly(const TexturedMesh& mesh, const std::filesystem::path& path);

// Dispatches on the extension. Throws UsageError for an unknown extension, IoError on failure.
void saveMesh(const TexturedMesh& mesh, const std::filesystem::path& path);

}  // namespace interp3d
