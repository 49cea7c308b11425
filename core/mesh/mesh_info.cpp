#include "mesh/mesh_info.h"

#include <sstream>

#include <nlohmann/json.hpp>

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
  repairForSolid(mesh, &info.repair);
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
     << "euler char.: " << i.topology.eulerCharacteristic << "\n"
     << "genus:       " << i.topology.genus << " (" << i.topology.boundaryLoops
     << " holes or borders)\n"
     << "as a solid:  " << i.repair.describe() << "\n";
  return os.str();
}

std::string formatJson(const MeshInfo& i) {
  nlohmann::ordered_json j;
  j["file"] = i.file;
  j["vertices"] = i.vertices;
  j["triangles"] = i.triangles;
  j["materials"] = i.materials;
  j["textures"] = i.textures;
  j["bbox_min"] = {i.bounds.min.x, i.bounds.min.y, i.bounds.min.z};
  j["bbox_max"] = {i.bounds.max.x, i.bounds.max.y, i.bounds.max.z};
  j["components"] = i.topology.components;
  j["watertight"] = i.topology.watertight();
  j["manifold"] = i.topology.manifold();
  j["boundary_edges"] = i.topology.boundaryEdges;
  j["non_manifold_edges"] = i.topology.nonManifoldEdges;
  j["non_manifold_vertices"] = i.topology.nonManifoldVertices;
  j["euler_characteristic"] = i.topology.eulerCharacteristic;
  j["genus"] = i.topology.genus;
  j["boundary_loops"] = i.topology.boundaryLoops;
  j["duplicate_faces"] = i.repair.duplicateFaces;
  j["surface_copies"] = i.repair.shellCopies();
  j["flipped_faces"] = i.repair.flippedFaces;
  j["inside_out_parts"] = i.repair.invertedComponents;
  j["open_parts"] = i.repair.openComponents;
  return j.dump();
}

std::string formatSummary(const MeshInfo& i) {
  std::ostringstream os;
  os << i.vertices << " vertices, " << i.triangles << " triangles, " << i.materials
     << (i.materials == 1 ? " material" : " materials") << ", " << i.topology.components
     << (i.topology.components == 1 ? " component" : " components")
     << (i.topology.watertight() ? ", watertight" : ", open")
     << (i.topology.manifold() ? "" : ", non-manifold")
     << (i.repair.shellCopies() > 1
             ? ", surface written " + std::to_string(i.repair.shellCopies()) + " times"
             : "")
     << (i.repair.flippedFaces ? ", " + std::to_string(i.repair.flippedFaces) + " flipped faces"
                               : "");
  return os.str();
}

}  // namespace interp3d
