// The morph: correspondence between two textured meshes, then any in-between frame on demand.
// Pipeline (DESIGN.md stages 0-5): normalise both meshes into the unit cube; sample their signed
// distance fields on an R^3 lattice; build the structured latent (active surface voxels with
// position, normal and colour); match coarse voxels by unbalanced entropic optimal transport and
// refine at full resolution by projection; turn the matches into smooth displacement fields in
// both directions; a frame at morph parameter s warps each endpoint's signed distance field part
// of the way (warp-and-blend), blends them, extracts a closed manifold surface, and fuses the two
// textures with a detail-preserving blend. The endpoints (s = 0 and 1) are the input meshes.
// With `align`, the target is first turned onto the source and frames turn back gradually.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <glm/mat3x3.hpp>

#include "mesh/normalize.h"
#include "mesh/textured_mesh.h"
#include "morph/latent_codec.h"
#include "morph/schedule.h"
#include "prior/learned_prior.h"
#include "util/progress.h"

namespace interp3d {

struct Landmark {
  glm::vec3 source{0.0f};  // in the source mesh's own units
  glm::vec3 target{0.0f};  // in the target mesh's own units
};

struct MorphOptions {
  int frames = 17;                    // frames in the sequence, endpoints included (>= 2)
  int resolution = 64;                // lattice cells across the unit cube
  int correspondenceResolution = 20;  // voxels across the unit cube for the transport stage
  Schedule schedule = Schedule::ConstantSpeed;
  int textureSize = 1024;                    // baked texture per in-between frame, pixels per side
  std::uint32_t seed = 0;                    // surface sampling seed
  int threads = 2;                           // worker threads (LibTorch, ray queries)
  std::vector<Landmark> landmarks;           // pairs the correspondence must respect
  std::shared_ptr<const LatentCodec> codec;  // structured-latent codec; null = PlainCodec
  float spectralWeight = 0.05f;  // weight of the intrinsic (heat kernel) part of the descriptors
  bool align = false;  // rigidly pre-align the target to the source (24 axis rotations + ICP);
                       // the frames then turn from one pose to the other
  std::shared_ptr<const LearnedPrior> prior;  // the learned prior; null = none
  PriorParts priorParts;                      // which of its components the morph uses
  float priorRenoise = 0.7f;  // structure prior: flow time the blended code is taken back to
  int priorSteps = 4;         // structure prior: Euler steps back to flow time 1
  float learnedDescriptorWeight = 0.1f;  // weight of the learned descriptor columns
};

// "off", or the learned prior's file and the parts used: "assets/models/prior.pt (descriptors)".
std::string priorSummary(const MorphOptions& options);

struct MorphFrame {
  int index = 0;
  double t = 0.0;  // frame time, index / (frames - 1)
  double s = 0.0;  // morph parameter after the schedule (0 = source, 1 = target)
};

class MorphSolver {
 public:
  // Runs stages 0-2 (normalisation, fields, correspondence). Throws Cancelled or Error.
  MorphSolver(TexturedMesh source, TexturedMesh target, const MorphOptions& options,
              const Progress& progress = {});
  ~MorphSolver();
  MorphSolver(const MorphSolver&) = delete;
  MorphSolver& operator=(const MorphSolver&) = delete;

  // The frames of the sequence with their s; for the constant-speed schedule this measures the
  // geometric distance along the morph (computed once, on first use).
  const std::vector<MorphFrame>& frames(const Progress& progress = {});

  // The mesh at morph parameter s in interpolated user units. With `bakeTexture` the mesh gets a
  // UV atlas and a baked base-colour texture; otherwise vertex colours (fast preview).
  // s = 0 and s = 1 return the input meshes unchanged.
  TexturedMesh meshAt(double s, bool bakeTexture) const;

  // The transform from the interpolated user units of the frame at s into the unit cube (for
  // viewing a sequence in place).
  Similarity unitTransformAt(double s) const;

  // Where points on the source surface (source units) land on the target (target units): the
  // correspondence the morph follows.
  std::vector<glm::vec3> correspondingPoints(const std::vector<glm::vec3>& sourcePoints) const;

  // The target normalised into the unit cube and, with `align`, turned onto the source.
  const TexturedMesh& alignedTarget() const;

  // Active cells of the structured latent per endpoint (source, target).
  std::size_t latentCells(bool target) const;

  // The options the solver runs with (the learned codec filled in when the prior's codec is on).
  const MorphOptions& options() const;

  // Seconds spent per stage so far ("normalise", "fields", "latent", "correspondence",
  // "schedule", and per-frame "geometry"/"texture" totals).
  std::map<std::string, double> timings() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace interp3d
