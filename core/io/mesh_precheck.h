// Cheap structural checks of a mesh file before an importer sees it: the sizes and counts a file
// declares must fit in the bytes it has, and its scene must be shallow enough to walk. They turn
// files that would make Assimp allocate gigabytes, loop or recurse without end into clear errors,
// in the caller's process and in milliseconds. What is checked, by format:
//   GLB   header and chunk lengths against the file size; then as glTF.
//   glTF  node children in range, no cycles, depth <= maxNodeDepth; rotations unit quaternions;
//         no extension the importer misreads (quantised or meshopt-compressed data); buffers'
//         byteLength against the bytes they have (BIN chunk, data URI, file); buffer views inside
//         their buffers; accessors inside their views (or no larger than all buffers together).
//   PLY   a complete header (format line, end_header); element counts times the smallest
//         encoding of their properties against the bytes after the header.
//   OFF   (ASCII) counts against the file size; every face index from 0 to #V - 1.
//   STL   (binary) the triangle count against the file size.
// Other formats pass unchecked (the isolated importer still guards them).
#pragma once

#include <filesystem>
#include <string>

namespace interp3d {

struct PrecheckLimits {
  int maxNodeDepth = 1000;  // deepest scene node chain (exporters stay far below 100)
  std::uintmax_t maxJsonBytes = std::uintmax_t(256) << 20;  // of a glTF's JSON
};

// A file's extension in lower case (".glb"): what decides how the io layer reads and writes it.
std::string lowerExtension(const std::filesystem::path& path);

// Throws IoError naming the file and what does not fit ("FILE: the header declares 30000000
// vertices but only 12 bytes follow it"). The file must exist.
void precheckMeshFile(const std::filesystem::path& path, const PrecheckLimits& limits = {});

// The JSON text of a glTF file, or of a GLB's JSON chunk; empty for other files, or when the file
// cannot be read as one (precheckMeshFile says why).
std::string gltfJsonText(const std::filesystem::path& path);

}  // namespace interp3d
