// Landmark files: pairs of corresponding points, each in its own mesh's units.
//   {"pairs": [{"source": [x, y, z], "target": [x, y, z]}, ...]}
#pragma once

#include <filesystem>
#include <vector>

#include "morph/correspondence.h"

namespace interp3d {

// Throws IoError naming the file for a missing or malformed file.
std::vector<Landmark> loadLandmarks(const std::filesystem::path& path);

}  // namespace interp3d
