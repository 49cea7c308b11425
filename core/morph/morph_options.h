// The morph's options: one struct per pipeline stage (DESIGN.md stages 0-5), gathered in
// MorphOptions. Every field's default is the engine's default. Front ends never repeat these:
// names, ranges and help text for users live once in jobs/option_table.h.
#pragma once

#include <cstdint>
#include <vector>

#include <glm/vec3.hpp>

#include "morph/correspondence.h"
#include "morph/normalize_align.h"
#include "morph/prior_hooks.h"
#include "morph/schedule.h"
#include "morph/texture_fusion.h"

namespace interp3d {

// Stage 1: the solid fields and the structured latent on the lattice.
struct FieldOptions {
  int resolution = 64;  // lattice cells across the unit cube (8 to 256)
  int margin = 3;       // lattice cells of padding around the unit cube
};

struct MorphOptions {
  int frames = 17;                       // frames in the sequence, endpoints included (>= 2)
  std::uint32_t seed = 0;                // seed of every random choice (surface samples, noise)
  int threads = 2;                       // worker threads (LibTorch, ray queries, lattice loops)
  std::vector<Landmark> landmarks;       // pairs the correspondence must respect
  AlignOptions align;                    // stage 0
  FieldOptions fields;                   // stage 1
  CorrespondenceOptions correspondence;  // stage 2
  TextureOptions texture;                // stage 4
  ScheduleOptions timing;                // stage 5
  LearnedParts learned;                  // the learned prior's parts (none by default)
};

}  // namespace interp3d
