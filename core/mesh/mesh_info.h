// A summary of a mesh for people: counts, textures, bounds, topology. Shared by the CLI's
// `info` command and the GUI's status bar.
#pragma once

#include <string>
#include <vector>

#include "mesh/repair.h"
#include "mesh/textured_mesh.h"
#include "mesh/topology.h"

namespace interp3d {

struct MeshInfo {
  std::string file;
  std::size_t vertices = 0;
  std::size_t triangles = 0;
  std::size_t materials = 0;
  std::vector<std::string> textures;  // "WxH" per material with a texture, "none" otherwise
  BoundingBox bounds;
  TopologyStats topology;
  RepairReport repair;  // what making a solid of it would repair (duplicates, flips, parts)
};

MeshInfo describeMesh(const TexturedMesh& mesh, const std::string& file);

// Multi-line text for the terminal.
std::string formatText(const MeshInfo& info);
// One JSON object (stable keys) for scripts.
std::string formatJson(const MeshInfo& info);
// One short line for a status bar.
std::string formatSummary(const MeshInfo& info);

}  // namespace interp3d
