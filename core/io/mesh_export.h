// Export of textured meshes: GLB (texture embedded), OBJ+MTL+PNG, PLY (vertex colours).
// Every file is written atomically: a failed export never leaves a half-written file.
#pragma once

#include <filesystem>
#include <string>

#include "mesh/textured_mesh.h"

namespace interp3d {

enum class MeshFormat { Glb, Obj, Ply };

// The format for a file name's extension (.glb, .obj, .ply). Throws UsageError otherwise.
MeshFormat formatFromExtension(const std::filesystem::path& path);

// Binary glTF 2.0: one primitive per material, base-colour textures embedded as PNG.
void saveGlb(const TexturedMesh& mesh, const std::filesystem::path& path);

// OBJ with an MTL beside it (same stem) and one PNG per textured material (stem_matN.png).
void saveObj(const TexturedMesh& mesh, const std::filesystem::path& path);

// Binary little-endian PLY with per-vertex RGBA (textures sampled and averaged per vertex).
void savePly(const TexturedMesh& mesh, const std::filesystem::path& path);

// Dispatches on the extension. Throws UsageError for an unknown extension, IoError on failure.
void saveMesh(const TexturedMesh& mesh, const std::filesystem::path& path);

}  // namespace interp3d
