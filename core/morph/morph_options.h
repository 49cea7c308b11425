// The morph's options: one struct per pipeline stage (DESIGN.md stages 0-5), gathered in
// MorphOptions. Every field's default is the engine's default. Front ends never repeat these:
// names, ranges and help text for users live once in jobs/option_table.h.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <glm/vec3.hpp>

#include "lattice/solid_field.h"
#include "morph/correspondence.h"
#include "morph/frame_geometry.h"
#include "morph/mesh_frame.h"
#include "morph/normalize_align.h"
#include "morph/one_topology.h"
#include "morph/prior_hooks.h"
#include "morph/schedule.h"
#include "morph/texture_fusion.h"

namespace interp3d {

// Stage 1: the solid fields and the structured latent on the lattice.
struct FieldOptions {
  int resolution = 64;  // lattice cells across the unit cube (8 to 256)
  int margin = 3;       // lattice cells of padding around the unit cube
  SolidOptions solid;   // how a real mesh becomes a solid (its thread count is the morph's)
};

struct MorphOptions {
  int frames = 17;  // frames in the sequence, endpoints included (>= 2)
  int maxTriangles =
      0;  // of a frame meshed from the lattice (at least 500); 0: as many as the larger input
  std::uint32_t seed = 0;             // seed of every random choice (surface samples, noise)
  int threads = 2;                    // worker threads (LibTorch, ray queries, lattice loops)
  std::vector<Landmark> landmarks;    // pairs the correspondence must respect
  bool mirrorLandmarks = false;       // add each pair's mirror image across the symmetry planes
  std::string sourceName = "source";  // the inputs as messages name them (file names)
  std::string targetName = "target";
  std::string landmarksName = "landmarks";  // the landmark pairs' file, as messages name it
  AlignOptions align;                       // stage 0
  FieldOptions fields;                      // stage 1
  CorrespondenceOptions correspondence;     // stage 2
  OneTopologyOptions oneTopology;           // stage 3, the source mesh through every frame
  FrameGeometryOptions frame;               // stage 3, lattice path (its per-pair fields are set
                                            // by the solver)
  MeshFrameOptions meshFrame;               // stage 3, frames made of an input mesh
  TextureOptions texture;                   // stage 4
  ScheduleOptions timing;                   // stage 5
  LearnedParts learned;                     // the learned prior's parts (none by default)
};

}  // namespace interp3d
