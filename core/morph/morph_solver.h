// The morph: strings the pipeline's stages together (DESIGN.md stages 0-5) and gives any frame
// on demand.
//   0 normalize_align   both meshes into the unit cube (and the target turned onto the source)
//   1 endpoint          solid fields on the lattice through the structured latent
//   2 correspondence    optimal transport between voxel descriptors -> displacement fields
//   3 frame_geometry    warp-and-blend of the fields at s, meshed
//   4 texture_fusion    detail-preserving colour blend, baked or as vertex colours
//   5 schedule          s per frame (constant speed measured along the morph)
// The endpoints (s = 0 and 1) are the input meshes themselves.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "mesh/normalize.h"
#include "mesh/textured_mesh.h"
#include "morph/morph_options.h"
#include "util/progress.h"

namespace interp3d {

// How one frame was made.
struct FrameInfo {
  enum class Geometry { Input, Source, Target, Lattice, OneTopology };
  Geometry geometry = Geometry::Input;  // an input itself, an input settled on the frame's
                                        // surface (mesh_frame.h), the surface meshed, or the
                                        // source mesh on its way onto the target (one_topology.h)
  double coverage = 0.0;                // of the settled input (Source or Target)
  int closing = 0;           // topology control applied to the surface (frame_geometry.h)
  std::string name() const;  // "input", "source mesh", "target mesh", "lattice", "one topology"
};

class MorphSolver {
 public:
  // Runs stages 0-2, the schedule (5) and the handover between input meshes and the lattice
  // surface. Throws Cancelled, UsageError for options out of range,
  // or Error.
  MorphSolver(TexturedMesh source, TexturedMesh target, const MorphOptions& options,
              const Progress& progress = {});
  ~MorphSolver();
  MorphSolver(const MorphSolver&) = delete;
  MorphSolver& operator=(const MorphSolver&) = delete;

  // The frames of the sequence with their s (fixed once the solver exists).
  const std::vector<MorphFrame>& frames() const;

  // The mesh at morph parameter s in interpolated user units. With `bakeTexture` the mesh gets a
  // UV atlas and a baked base-colour texture; otherwise vertex colours (fast preview).
  // s = 0 and s = 1 return the input meshes unchanged. An input's own mesh, settled on the
  // frame's surface, is the frame only in one unbroken run of scheduled frames from its end
  // (found when the solver is made), so a sequence never switches back to it from the lattice
  // surface. Thread-safe; throws Cancelled.
  TexturedMesh meshAt(double s, bool bakeTexture, const Progress& progress = {},
                      FrameInfo* info = nullptr) const;

  // The transform from the interpolated user units of the frame at s into the unit cube (for
  // viewing a sequence in place).
  Similarity unitTransformAt(double s) const;

  // How far the frame at s has turned about +Y from the source's pose, radians: with alignment
  // the frames turn from the source's pose to the target's own (0 without alignment).
  float turnAt(double s) const;

  // Where points on the source surface (source units) land on the target (target units): the
  // correspondence the morph follows (one topology: where the source's mesh landed).
  std::vector<glm::vec3> correspondingPoints(const std::vector<glm::vec3>& sourcePoints) const;

  // The tips of the source's solid (extremities.h: feet, ears, nose, tail) on its surface, in
  // source units, the farthest from its middle first; whether or not they were matched.
  std::vector<glm::vec3> sourceTips() const;

  // The target normalised into the unit cube and, with alignment, turned onto the source.
  const TexturedMesh& alignedTarget() const;

  // Whether every frame is the source mesh on its way onto the target (one_topology.h): the
  // frames share the source's connectivity and UVs, and s = 0 and s = 1 are the (possibly
  // refined) source and its landing on the target rather than the inputs themselves.
  bool oneTopology() const;

  // One topology: the frame's vertex positions at s in interpolated user units (those of
  // meshAt), without colours (what live scrubbing and shape keys read). Empty on the lattice path.
  std::vector<glm::vec3> shapeAt(double s) const;

  // Active cells of the structured latent per endpoint (source, target).
  std::size_t latentCells(bool target) const;

  const MorphOptions& options() const;

  // One line per input whose solid needed repair: "spot_twice.obj: the surface is written twice
  // (5856 duplicate faces removed); 1 part; 100% of the surface on the solid".
  const std::vector<std::string>& notes() const;

  // Seconds spent per stage so far ("normalise", "fields", "correspondence", "schedule", and
  // per-frame "geometry" / "texture" totals).
  std::map<std::string, double> timings() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace interp3d
