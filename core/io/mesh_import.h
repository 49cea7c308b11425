// Import of textured meshes with Assimp: OBJ+MTL, glTF/GLB, FBX, PLY, DAE, STL, OFF and the rest
// Assimp reads. Polygons are triangulated, all meshes of all nodes are merged with their node
// transforms applied (a skinned mesh comes in its bind pose), and equal positions are welded.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "mesh/textured_mesh.h"

namespace interp3d {

struct LoadedMesh {
  TexturedMesh mesh;
  std::vector<std::string> warnings;  // e.g. a missing texture: the mesh keeps its base colour
};

// Throws IoError for a missing, empty, unreadable or corrupt file and MeshError for a file
// whose geometry is unusable (no triangles, NaN/Inf coordinates, bad indices). Every message
// names the file. A texture that cannot be found or decoded is a warning, not an error.
LoadedMesh loadMesh(const std::filesystem::path& path);

}  // namespace interp3d
