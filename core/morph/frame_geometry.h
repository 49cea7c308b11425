// Stage 3 of the pipeline (DESIGN.md, the paper's stage b), lattice path: the solid of the frame at
// morph parameter s. Each endpoint's signed distance field is pulled along its flow (FrameWarp:
// the displacement field integrated as a velocity, so it cannot fold; read between lattice points
// along the field's slopes, so thin parts do not flicker) and the two are blended with
// weights 1 - s and s, twice: once along the source's flow (the target's field read where the
// source's flow goes on to), once along the target's, and those two blended again with 1 - s
// and s. So a part of the source stays where the source's flow carries it while the source
// dominates, instead of melting wherever the other shape is far (a blend of the plain pulled
// fields lost a cow's legs by s = 0.2 and grew a bunny's ears only after s = 0.8, so the frames
// made of the inputs near the ends jumped where the lattice took over). The field is optionally
// refined by the learned structure prior, turned back into a signed distance and lightly
// smoothed (the smoothing vanishes at the ends and takes no inside lattice point away).
// frameGeometry() meshes its zero level set as a closed manifold surface.
#pragma once

#include <cstddef>
#include <cstdint>

#include <glm/vec4.hpp>

#include "lattice/grid.h"
#include "mesh/textured_mesh.h"
#include "morph/correspondence.h"
#include "morph/prior_hooks.h"
#include "util/progress.h"

namespace interp3d {

struct FrameGeometryOptions {
  std::size_t keepComponents = 1;   // keep this many largest connected components
  double minComponentShare = 0.0;   // and of those only pieces with this share of the area at least
                                    // (a shard floating where a part is forming is not a part)
  std::size_t maxGenus = SIZE_MAX;  // more handles than this are closed or cut
  int topologyRadius = 3;           // largest closing or opening tried, in lattice cells
  const FieldRefiner* refiner = nullptr;  // the structure prior, or null
  float smoothing = 1.0f;  // Gaussian width of the field's smoothing at s = 1/2, in lattice cells;
                           // it scales with 4 s (1 - s), so the ends are not smoothed
  float keepDepth = 0.5f;  // the smoothing leaves every inside lattice point at least this share
                           // of its depth inside (negative: no limit): it still fills dents and
                           // rounds surfaces between lattice points, but takes no inside point
                           // away, so a part thinner than the blur (a cow's leg, a cell or two
                           // across) thins instead of vanishing (the legs were gone by
                           // s = 0.15); a one-cell spike or ridge of the blend stays too
  bool sloped = true;      // each end's field is read between lattice points from the corners'
                           // values carried along their slopes (false: plain trilinear), so a part
                           // a cell or so across stays inside, thinner, wherever the flow reads
                           // it (read trilinearly, a cow's legs flickered and were gone by
                           // s = 0.3); parts under two cells read fatter than they are
  const Grid<glm::vec4>* sourceSlopes = nullptr;  // withSlopes() of the ends' fields, made once
  const Grid<glm::vec4>* targetSlopes = nullptr;  // by the caller (null, or made for another
                                                  // lattice: made on every call)
  int threads = 2;                                // lattice rows are split over this many threads
};

// `field` with its slope at each lattice point: (value, slope along x, y, z), the slopes by central
// differences (one-sided at the border) in field units per lattice cell. What frameField() reads
// the ends' fields from.
Grid<glm::vec4> withSlopes(const ScalarGrid& field, int threads = 2);

// The frame's signed distance field (negative inside) on the lattice of `sourceSdf` and
// `targetSdf`, which share one spec. Throws Cancelled between lattice slabs.
ScalarGrid frameField(const ScalarGrid& sourceSdf, const ScalarGrid& targetSdf,
                      const FrameWarp& warp, double s, const FrameGeometryOptions& options,
                      const Progress& progress = {});

struct FrameSurface {
  ScalarGrid field;      // frameField(), its topology controlled
  TexturedMesh surface;  // its zero level set (unit cube, one default material), meshed
                         // adaptively (lattice/adaptive_mesh.h)
  int closing = 0;       // radius of the closing (> 0) or opening (< 0) applied, in cells
};

// frameField() and its zero level set with the largest components kept. When the surface has
// more handles than options.maxGenus, the field is closed (thin tunnels filled) or opened (thin
// bridges cut) by one lattice cell, then two, ... up to options.topologyRadius, and the first
// result within the limit is taken (the one with the fewest handles if none is).
FrameSurface frameSurface(const ScalarGrid& sourceSdf, const ScalarGrid& targetSdf,
                          const FrameWarp& warp, double s, const FrameGeometryOptions& options,
                          const Progress& progress = {});

// The surface of frameSurface() alone.
TexturedMesh frameGeometry(const ScalarGrid& sourceSdf, const ScalarGrid& targetSdf,
                           const FrameWarp& warp, double s, const FrameGeometryOptions& options,
                           const Progress& progress = {});

}  // namespace interp3d
