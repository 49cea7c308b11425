#include "mesh/mesh_info.h"

#include <sstream>

#include "io/mesh_export.h"

namespace interp3d {

MeshInfo describeMesh(const TexturedMesh& mesh, const std::string& file) {
  MeshInfo info;
  info.file = file;
  info.vertices = mesh.vertexCount();
  info.triangles = mesh.triangleCount();
  info.materials = mesh.materials.size();
  for (const Material& m : mesh.materials) {
    const Image& t = m.baseColorTexture;
    info.textures.push_back(t.empty() ? "none"
                                      : std::to_string(t.width) + "x" + std::to_string(t.height));
  }
  info.bounds = boundingBox(mesh.positions);
  info.topology = computeTopology(mesh);
  return info;
}

std::string formatText(const MeshInfo& i) {
  std::ostringstream os;
  os << "file:        " << i.file << "\n"
     << "vertices:    " << i.vertices << "\n"
     << "triangles:   " << i.triangles << "\n"
     << "materials:   " << i.materials << "\n";
  for (std::size_t m = 0; m < i.textures.size(); ++m)
    os << "  material " << m << " texture: " << i.textures[m] << "\n";
  os << "bbox min:    " << i.bounds.min.x << " " << i.bounds.min.y << " " << i.bounds.min.z << "\n"
     << "bbox max:    " << i.bounds.max.x << " " << i.bounds.max.y << " " << i.bounds.max.z << "\n"
     << "components:  " << i.topology.components << "\n"
     << "watertight:  " << (i.topology.watertight() ? "yes" : "no") << " ("
     << i.topology.boundaryEdges << " boundary edges)\n"
     << "manifold:    " << (i.topology.manifold() ? "yes" : "no") << " ("
     << i.topology.nonManifoldEdges << " non-manifold edges, " << i.topology.nonManifoldVertices
     << " non-manifold vertices)\n"
     << "euler char.: " << i.topology.eulerCharacteristic << "\n";
  return os.str();
}

std::string formatJson(const MeshInfo& i) {
  std::ostringstream os;
  os << "{\"file\":\"" << jsonEscape(i.file) << "\",\"vertices\":" << i.vertices
     << ",\"triangles\":" << i.triangles << ",\"materials\":" << i.materials << ",\"textures\":[";
  for (std::size_t m = 0; m < i.textures.size(); ++m)
    os << (m ? "," : "") << "\"" << i.textures[m] << "\"";
  os << "],\"bbox_min\":[" << i.bounds.min.x << "," << i.bounds.min.y << "," << i.bounds.min.z
     << "],\"bbox_max\":[" << i.bounds.max.x << "," << i.bounds.max.y << "," << i.bounds.max.z
     << "],\"components\":" << i.topology.components
     << ",\"watertight\":" << (i.topology.watertight() ? "true" : "false")
     << ",\"manifold\":" << (i.topology.manifold() ? "true" : "false")
     << ",\"boundary_edges\":" << i.topology.boundaryEdges
     << ",\"non_manifold_edges\":" << i.topology.nonManifoldEdges
     << ",\"non_manifold_vertices\":" << i.topology.nonManifoldVertices
     << ",\"euler_characteristic\":" << i.topology.eulerCharacteristic << "}";
  return os.str();
}

std::string formatSummary(const MeshInfo& i) {
  std::ostringstream os;
  os << i.vertices << " vertices, " << i.triangles << " triangles, " << i.materials
     << (i.materials == 1 ? " material" : " materials") << ", " << i.topology.components
     << (i.topology.components == 1 ? " component" : " components")
     << (i.topology.watertight() ? ", watertight" : ", open")
     << (i.topology.manifold() ? "" : ", non-manifold");
  return os.str();
}

}  // namespace interp3d
