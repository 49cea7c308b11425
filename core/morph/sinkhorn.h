// Unbalanced entropic optimal transport between two weighted point sets in feature space,
// solved in the log domain with epsilon scaling (LibTorch; only sinkhorn.cpp includes it).
#pragma once

#include <vector>

#include <glm/vec3.hpp>

namespace interp3d {

struct SinkhornOptions {
  float epsilonStart = 0.1f;   // entropic blur at the first iteration (squared feature units)
  float epsilonEnd = 0.0015f;  // final blur; smaller is sharper and slower to converge
  int iterations = 250;        // total Sinkhorn iterations over the epsilon schedule
  float rho = 0.5f;            // marginal relaxation (KL weight); large = balanced
  int threads = 2;             // LibTorch intra-op threads
};

struct TransportResult {
  // For each source point: the plan's barycentre of target positions, and its transported mass
  // relative to a full match (about 1 when matched, near 0 for parts with no counterpart).
  std::vector<glm::vec3> sourceToTarget;
  std::vector<float> sourceMass;
  // The same from the target side.
  std::vector<glm::vec3> targetToSource;
  std::vector<float> targetMass;
};

// `sourceFeatures` is N rows of `dims` floats, `targetFeatures` M rows; the cost is the squared
// Euclidean distance between rows (scale features to weight them). Positions are what the plan's
// barycentres average. Throws Error when a set is empty or sizes disagree.
TransportResult solveTransport(const std::vector<float>& sourceFeatures,
                               const std::vector<float>& targetFeatures, int dims,
                               const std::vector<glm::vec3>& sourcePositions,
                               const std::vector<glm::vec3>& targetPositions,
                               const SinkhornOptions& options = {});

}  // namespace interp3d
