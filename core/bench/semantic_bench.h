// `interp3d-cli bench semantic`: does the correspondence send parts where a person expects? Meshes
// labelled by hand (tests/data/landmarks: a nose, feet, ears, ... per mesh, in the mesh's own
// units) are paired by their common labels; each source label is sent through the correspondence
// and its distance to the target's label of the same name is measured, as a fraction of the
// target's bounding-box diagonal, once per configuration of the method.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "mesh/textured_mesh.h"
#include "morph/morph_options.h"
#include "util/progress.h"

namespace interp3d {

struct LabelledMesh {
  std::string name;  // the label file's stem: "spot"
  TexturedMesh mesh;
  std::map<std::string, glm::vec3> points;  // label -> point on the mesh, mesh units
};

// Reads a label file ({"mesh": "spot/spot.obj" or "demo:creature", "points": {"nose": [x, y, z],
// ...}}) and its mesh (relative to `assets`). Throws IoError naming the file and the problem.
LabelledMesh loadLabelledMesh(const std::filesystem::path& labels,
                              const std::filesystem::path& assets);

// A configuration of the method: which of its parts are on.
struct SemanticConfig {
  std::string name;
  std::string align = "none";                     // none, auto or heading (AlignOptions)
  TopologyMode topology = TopologyMode::Lattice;  // Source: the one-topology landing refines it
  bool tips = false;  // tips matched between the solids join the landmarks (extremities.h)
};

// The configurations measured by default: the flow alone, with either alignment, with the heading
// alignment and matched tips, and the one-topology landing without and with tips.
std::vector<SemanticConfig> defaultSemanticConfigs();

struct SemanticRow {
  std::string source, target, label;
  std::vector<double> error;  // per configuration: distance / target diagonal
};

// Every label `source` and `target` share, per configuration. `base` gives the other options.
std::vector<SemanticRow> benchSemanticPair(const LabelledMesh& source, const LabelledMesh& target,
                                           const std::vector<SemanticConfig>& configs,
                                           const MorphOptions& base, const Progress& progress = {});

}  // namespace interp3d
