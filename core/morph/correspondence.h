// Stage 2 of the pipeline (DESIGN.md, the paper's stage a): where each endpoint's surface goes on
// the other. Surface samples are binned into active voxels at two resolutions; the coarse voxels
// are described (position, normal, colour, intrinsic heat kernel signature, geodesic distance to
// each landmark, learned descriptors) and matched by unbalanced entropic optimal transport; the
// plan's barycentres give a smooth coarse displacement field, which every fine voxel follows
// before landing on the other surface. Landmarks are pinned with a large weight.
#pragma once

#include <cstdint>
#include <vector>

#include <glm/vec3.hpp>

#include "lattice/grid.h"
#include "morph/endpoint.h"
#include "morph/extremities.h"
#include "morph/prior_hooks.h"
#include "morph/sinkhorn.h"
#include "util/progress.h"

namespace interp3d {

struct Landmark {
  glm::vec3 source{0.0f};  // in the source mesh's own units
  glm::vec3 target{0.0f};  // in the target mesh's own units
};

struct CorrespondenceOptions {
  int resolution = 20;           // voxels across the unit cube for optimal transport (coarse stage)
  int samplesPerCell = 12;       // surface samples per squared lattice resolution (12 R^2 in all)
  float positionWeight = 1.0f;   // descriptor weight of a voxel's position
  float normalWeight = 0.25f;    // descriptor weight of its normal
  float colorWeight = 0.1f;      // descriptor weight of its base colour
  float spectralWeight = 0.05f;  // descriptor weight of the log heat kernel signature
  std::vector<float> heatTimes{8.0f, 32.0f, 128.0f};  // heat kernel times, squared graph edges
  int eigenpairs = 96;       // Laplacian eigenpairs behind the heat kernel signature
  float graphRadius = 1.8f;  // voxels closer than this many voxel sizes are graph neighbours
  float landmarkDistanceWeight = 0.4f;  // descriptor weight of geodesic distance to a landmark,
                                        // over its mean from that landmark on the same shape (a
                                        // long fox's and a tall cow's compare: unit-cube
                                        // distances sent the fox's top of head to spot's neck)
  float landmarkPinWeight = 50.0f;      // a landmark pair's weight in the field, in voxels' worth
  float learnedWeight = 0.1f;           // descriptor weight of the learned descriptor columns
  float nearBlur = 1.5f;      // displacement field: Gaussian width near the data, in lattice cells
  float farBlur = 6.0f;       // the wide Gaussian that keeps the field defined far from the data
  float farShare = 0.02f;     // weight of the wide field beside the near one
  SinkhornOptions transport;  // the transport solver (its thread count is set from the morph's)
  bool extremities = true;    // tips matched between the solids (extremities.h) join the landmarks
  ExtremityOptions extremity;
};

// Where the points of one frame came from: displacement fields on the lattice.
struct FrameWarp {
  VectorGrid toSource;       // the frame's point x came from x + toSource(x) on the source
  VectorGrid toTarget;       // and from x + toTarget(x) on the target (both sampled trilinearly)
  VectorGrid aheadOfSource;  // x goes on along the source's flow to x + aheadOfSource(x) on the
                             // target (at s = 1)
  VectorGrid aheadOfTarget;  // and along the target's flow to x + aheadOfTarget(x) on the source
  glm::vec3 sourceOrigin(const glm::vec3& x) const { return x + toSource.sample(x); }
  glm::vec3 targetOrigin(const glm::vec3& x) const { return x + toTarget.sample(x); }
};

// Displacement fields on the lattice, in the source's unit cube (the target aligned to it).
struct Correspondence {
  VectorGrid sourceToTarget;  // a source surface point p lands near p + field(p) on the target
  VectorGrid targetToSource;  // and a target point q near q + field(q) on the source
  std::vector<Landmark>
      tips;  // tips matched between the solids that joined the landmarks
             // (unit cube, the target aligned; CorrespondenceOptions::extremities)

  // The frame at morph parameter s: each displacement field taken as a stationary velocity and
  // integrated (scaling and squaring) for time s (the source's) or 1 - s (the target's), inverted,
  // and for the rest of the way (aheadOf...). A flow of a smooth field never folds, so neither do
  // the frames.
  FrameWarp warpAt(float s, int threads = 2) const;

  // Points of the source (or, `fromTarget`, of the target) carried forward along its flow for
  // time `amount`: where they are in the frame at s = amount (or 1 - amount).
  std::vector<glm::vec3> carry(const std::vector<glm::vec3>& points, bool fromTarget, float amount,
                               int threads = 2) const;
};

// The displacement of the flow of velocity field `v` after time `amount` (negative: backwards),
// by scaling and squaring until steps are below half a lattice cell. The displacement fields are
// smooth over several cells, so flows are integrated on a lattice twice as coarse.
VectorGrid flowDisplacement(const VectorGrid& v, float amount, int threads = 2);

// Matches the two endpoints. `resolution` is the lattice's cells across the unit cube (the fine
// voxel size), `spec` the lattice the fields live on; landmarks are in unit-cube coordinates
// (source) and aligned unit-cube coordinates (target). With options.extremities, the tips matched
// between the two solids (extremities.h) join them, but for tips near a given landmark; they are
// returned in Correspondence::tips. Throws Cancelled.
Correspondence correspond(const MorphEndpoint& source, const MorphEndpoint& target,
                          const std::vector<glm::vec3>& sourceLandmarks,
                          const std::vector<glm::vec3>& targetLandmarks, const GridSpec& spec,
                          int resolution, const CorrespondenceOptions& options,
                          const DescriptorModel* learned, std::uint32_t seed, int threads,
                          const Progress& progress = {});

}  // namespace interp3d
