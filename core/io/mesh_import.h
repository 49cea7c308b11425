// Import of textured meshes with Assimp: OBJ+MTL, glTF/GLB, FBX, PLY, DAE, STL, OFF and the rest
// Assimp reads. Polygons are triangulated, all meshes of all nodes are merged with their node
// transforms applied (a skinned mesh comes in its bind pose), and equal positions are welded.
// Users' files are untrusted: cheap structural checks (io/mesh_precheck.h) come first, then
// Assimp parses the file in a child process with limits on memory, time and stack
// (util/child_process.h), so a file that crashes, hangs or floods the importer is an error
// naming the file, never the end of the program.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "io/mesh_precheck.h"
#include "mesh/textured_mesh.h"
#include "util/child_process.h"
#include "util/progress.h"

namespace interp3d {

struct LoadedMesh {
  TexturedMesh mesh;
  std::vector<std::string> warnings;  // e.g. a missing texture: the mesh keeps its base colour
};

struct ImportOptions {
  ChildLimits limits;       // memory, time and stack of the importer's process
  PrecheckLimits precheck;  // the structural checks' limits
  bool isolated = true;     // parse in a child process; off only for fuzzing and debugging
};

// Throws IoError for a missing, empty, unreadable or corrupt file, or one the importer crashed
// on, ran out of time or memory with ("FILE: the importer crashed (SIGSEGV, ...)"), and
// MeshError for a file whose geometry is unusable (no triangles, NaN/Inf coordinates, bad
// indices). Every message names the file. Throws Cancelled within 0.1 s of `progress` being
// cancelled. A texture that cannot be found or decoded is a warning, not an error.
LoadedMesh loadMesh(const std::filesystem::path& path, const ImportOptions& options = {},
                    const Progress& progress = Progress());

// The isolated importer runs as its own small program, interp3d-import, beside the running
// executable: a fresh process image inherits nothing of this one (a fork of a process with
// running threads may inherit locks they held). Where it is missing (a test binary elsewhere),
// the child is a fork of this process.
constexpr const char* kImportHelperName = "interp3d-import";
// The helper's path beside /proc/self/exe, or empty.
std::filesystem::path importHelper();
// interp3d-import's main().
int importHelperMain(int argc, char** argv);

}  // namespace interp3d
