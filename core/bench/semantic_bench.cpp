#include "bench/semantic_bench.h"

#include <glm/geometric.hpp>

#include "io/mesh_import.h"
#include "mesh/demo_assets.h"
#include "morph/landmarks.h"
#include "morph/morph_solver.h"
#include "util/error.h"

namespace fs = std::filesystem;

namespace interp3d {

LabelledMesh loadLabelledMesh(const fs::path& labels, const fs::path& assets) {
  const LabelledPoints read = loadLabelledPoints(labels);
  LabelledMesh out;
  out.name = labels.stem().string();
  out.points = read.points;
  if (read.mesh == "demo:creature") {
    out.mesh = makeDemoCreature();
  } else {
    if (fs::path(read.mesh).is_absolute() || read.mesh.find("..") != std::string::npos)
      throw IoError(labels.string() + ": the mesh must be a path inside the assets folder");
    out.mesh = loadMesh(assets / read.mesh).mesh;
  }
  return out;
}

std::vector<SemanticConfig> defaultSemanticConfigs() {
  return {{"flow", "none", TopologyMode::Lattice},
          {"flow+axes", "auto", TopologyMode::Lattice},
          {"flow+heading", "heading", TopologyMode::Lattice},
          {"flow+heading+tips", "heading", TopologyMode::Lattice, true},
          {"landed+heading", "heading", TopologyMode::Source},
          {"landed+heading+tips", "heading", TopologyMode::Source, true}};
}

std::vector<SemanticRow> benchSemanticPair(const LabelledMesh& source, const LabelledMesh& target,
                                           const std::vector<SemanticConfig>& configs,
                                           const MorphOptions& base, const Progress& progress) {
  std::vector<SemanticRow> rows;
  std::vector<glm::vec3> asked, expected;
  for (const auto& [label, p] : source.points) {
    const auto there = target.points.find(label);
    if (there == target.points.end()) continue;
    rows.push_back({source.name, target.name, label, {}});
    asked.push_back(p);
    expected.push_back(there->second);
  }
  if (rows.empty()) return rows;
  const double diagonal = boundingBox(target.mesh.positions).diagonal();
  for (std::size_t c = 0; c < configs.size(); ++c) {
    progress.check();
    MorphOptions o = base;
    o.frames = 2;  // the correspondence alone
    o.align.enabled = configs[c].align != "none";
    o.align.heading = configs[c].align == "heading";
    o.oneTopology.mode = configs[c].topology;
    o.correspondence.extremities = configs[c].tips;
    o.sourceName = source.name;
    o.targetName = target.name;
    const MorphSolver solver(source.mesh, target.mesh, o, progress);
    const std::vector<glm::vec3> landed = solver.correspondingPoints(asked);
    for (std::size_t i = 0; i < rows.size(); ++i)
      rows[i].error.push_back(glm::distance(landed[i], expected[i]) / diagonal);
  }
  return rows;
}

}  // namespace interp3d
