// Where a landing of one mesh on another crosses itself or folds over, the landing is made again
// one region at a time so that it cannot: the region (a disk of the landed mesh around the bad
// triangles) and the patch of the target its boundary encloses are both laid flat in the unit
// disk, and the region's inside is placed by Tutte's embedding, which never folds a disk with a
// convex boundary, warped within the disk to put its landmarks back on their targets, then lifted
// onto the target through the patch's own flattening.
#pragma once

#include <cstdint>
#include <vector>

#include <glm/vec3.hpp>

#include "geometry/surface_query.h"
#include "mesh/textured_mesh.h"
#include "util/progress.h"

namespace interp3d {

// A point of a triangle of the landed mesh (by barycentric weights) that must land at `target`:
// a landmark, or a matched tip.
struct HeldPoint {
  glm::uvec3 triangle{0};
  glm::vec3 weights{1.0f, 0.0f, 0.0f};
  glm::vec3 target{0.0f};
};

struct RelandReport {
  std::size_t regions = 0;   // disks of bad triangles found
  std::size_t relanded = 0;  // of them landed again
  std::size_t moved = 0;     // vertices placed anew
};

// `landed`: per vertex of `base`, its place on `target`. `bad`: per triangle of `base`, whether it
// crosses another or faces against the target. Regions grow `rings` rings of vertices around the
// bad triangles; vertices on a region's boundary stay where they are. A `held` point whose
// triangle lies in a region, at least half of its weight on the region's inside, is met again:
// the region's flat layout is warped (a map of its polygon onto itself that cannot fold), point
// after point until each is at its target's place in the patch. A region is left as it was when
// it is not a disk, when its boundary does not enclose a disk of the target under a third of its
// area, when a held point's target lies outside its patch or the points cannot all be met, when
// a triangle would fold flat, or when a held point it moves would land farther from its target
// (by 0.2% of the target's size). Throws Cancelled, and Error for a held point's triangle that
// refers to a vertex `base` does not have.
RelandReport relandBadRegions(const TexturedMesh& base, std::vector<glm::vec3>& landed,
                              const std::vector<std::uint8_t>& bad,
                              const std::vector<HeldPoint>& held, const TexturedMesh& target,
                              const SurfaceQuery& targetQuery, int rings,
                              const Progress& progress = {});

}  // namespace interp3d
