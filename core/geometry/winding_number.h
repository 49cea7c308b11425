// Generalized winding numbers (Jacobson et al. 2013) of a triangle mesh, evaluated fast with a
// tree of triangle clusters whose far field is their dipole (Barill et al. 2018). The winding
// number is 1 inside a closed outward-facing surface, 0 outside, 2 inside a surface written twice,
// about 1/2 beside an open sheet, and degrades gracefully with holes; inside/outside is w > 1/2.
#pragma once

#include <memory>
#include <vector>

#include <glm/vec3.hpp>

#include "mesh/textured_mesh.h"
#include "util/progress.h"

namespace interp3d {

class WindingNumber {
 public:
  // `accuracy` is the ratio of a cluster's distance to its radius beyond which its dipole stands
  // in for its triangles (larger is more exact and slower; at 3 values are within about 0.03).
  explicit WindingNumber(const TexturedMesh& mesh, double accuracy = 3.0);
  ~WindingNumber();
  WindingNumber(const WindingNumber&) = delete;
  WindingNumber& operator=(const WindingNumber&) = delete;

  double at(const glm::vec3& point) const;
  // Many points, split over `threads`. A cancelled `progress` (if any) stops the work within a
  // few milliseconds with Cancelled.
  std::vector<double> at(const std::vector<glm::vec3>& points, int threads,
                         const Progress* progress = nullptr) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace interp3d
