// A loss-curve picture without a plotting library: one panel per series, log10 loss against step,
// a grid line per decade. Colours in order: blue, orange, green, red.
#pragma once

#include <string>
#include <vector>

#include "mesh/textured_mesh.h"

namespace interp3d {

struct LossSeries {
  std::string name;
  std::vector<double> loss;  // one value per step
};

Image plotLossCurves(const std::vector<LossSeries>& series, int width = 900, int panelHeight = 220);

}  // namespace interp3d
