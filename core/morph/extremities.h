// Stage 2 of the pipeline (DESIGN.md), a part of the correspondence: the tips of a solid (feet,
// ears, nose, tail, horns) found on its own, and matched between source and target by where they
// sit in each solid's box, so that a foot goes to a foot without a user marking either. The tips
// are the peaks of the geodesic distance inside the solid from its core (a deep point near the
// middle of its volume) that stand out by a part's length; matched
// tips join the correspondence as landmarks.
#pragma once

#include <vector>

#include <glm/vec3.hpp>

#include "lattice/grid.h"
#include "mesh/textured_mesh.h"

namespace interp3d {

struct ExtremityOptions {
  float thicken = 0.5f;  // lattice points this far outside the surface (cells) count as inside,
                         // so a leg thinner than a cell still joins the body
  float persistence = 0.03f;  // a tip stands out by this much geodesic distance from where its
                              // part meets a farther one (unit cube): a foot by its leg's length
  float minReach = 0.45f;     // and reaches at least this share of the farthest point's distance
  float separation = 0.1f;    // a tip this near a user's landmark (unit cube) is left to the user
  int most = 12;              // tips kept per solid, the farthest first
  float bodyDepth = 0.5f;     // the body: the points at least this share as deep as the deepest
  float maxCost = 0.5f;       // matched tips' directions from the body's centre, each axis over
                              // its size, differ by at most this (chord of unit vectors)
  float ambiguity = 1.4f;     // and every matching without the pair costs at least (this - 1)
                              // times the pair's cost more
  float reachWeight = 0.25f;  // weight of the difference in reach beside the direction's
  float mirrorTolerance = 0.15f;  // a tip's mirror image is a tip whose direction is this near the
                                  // mirrored direction
};

struct Extremity {
  glm::vec3 position{0.0f};  // where the tip is (a lattice point within half a cell of the surface)
  float reach = 0.0f;        // its geodesic distance from the core over the farthest point's
};

struct Extremities {
  std::vector<Extremity> tips;  // the farthest first
  BoundingBox box;              // of the solid part the tips belong to
  BoundingBox body;             // of its points at least options.bodyDepth as deep as the deepest
                                // (flat or empty: the box stands in)
  glm::vec3 core{0.0f};         // where the distances start: of the points at least half as deep
                                // as the deepest, the one nearest the middle of the volume
};

// The tips of the solid `sdf` (negative inside), on the part holding its core; found on a lattice
// of about 64 cells across (a finer one is coarsened first).
Extremities findExtremities(const ScalarGrid& sdf, const ExtremityOptions& options = {});

// The tip of `e` that is the mirror image of tip `tip` across `axis` (0: x, 2: z) through the
// box's centre, by direction within options.mirrorTolerance; -1 when there is none.
int mirrorImage(const Extremities& e, std::size_t tip, int axis,
                const ExtremityOptions& options = {});

// The axis (0: x, 2: z) across which more tips of the two solids have mirror images: the normal
// of their common plane of symmetry.
int mirrorAxis(const Extremities& source, const Extremities& target,
               const ExtremityOptions& options = {});

struct ExtremityMatch {
  int source = 0, target = 0;  // indices into the two tip lists
  float cost = 0.0f;
};

// Pairs of tips matched by direction from the body's centre, each axis over the body's size (a foot
// is down and to the front, left, ...), and by reach: the matching of least total cost, a pair
// costing at most options.maxCost and a tip left unmatched costing options.maxCost. A pair is kept
// when it is clear: every matching without it costs at least (options.ambiguity - 1) times the
// pair's cost more (two tips as near to one are not; a second candidate whose own best partner is
// taken by a better match is no rival). A pair where either tip has a mirror image across
// mirrorAxis is left out unless both have one and the images are matched to each other.
std::vector<ExtremityMatch> matchExtremities(const Extremities& source, const Extremities& target,
                                             const ExtremityOptions& options = {});

}  // namespace interp3d
