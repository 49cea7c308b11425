// Hostile variants of a mesh, as artists' files and exports often are: the surface written twice
// (coincident shells, same or opposite orientation), faces flipped, holes punched, an open sheet
// left of a closed surface, a surface cut into many separate parts, huge or tiny scales and far
// placements. For tests and benchmarks (`interp3d-cli hostile`); every variant is deterministic.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <glm/vec3.hpp>

#include "mesh/textured_mesh.h"

namespace interp3d {

// The surface twice: a second copy of every triangle on the same vertices (welded), flipped when
// `flipped` (an inside-out copy, as some exporters write a backface shell).
TexturedMesh duplicateShell(const TexturedMesh& mesh, bool flipped = false);

// About `fraction` of the triangles (chosen by `seed`) wound the other way.
TexturedMesh flipFaces(const TexturedMesh& mesh, double fraction, std::uint32_t seed = 1);

// Holes: every triangle whose centroid lies within `radius` (a fraction of the bounding-box
// diagonal) of one of `count` surface points chosen by `seed` is removed.
TexturedMesh punchHoles(const TexturedMesh& mesh, int count, double radius, std::uint32_t seed = 1);

// An open sheet: only the triangles whose centroids lie on the positive side of the plane through
// the bounding-box centre with normal `axis`.
TexturedMesh keepHalf(const TexturedMesh& mesh, const glm::vec3& axis = {0, 0, 1});

// The surface cut into about `parts` separate pieces along a grid of cells over the bounding box:
// triangles keep their positions but no longer share vertices across cell borders, so each piece
// is its own open component.
TexturedMesh splitIntoParts(const TexturedMesh& mesh, int parts);

// Positions scaled by `factor` about the origin, then moved by `offset`.
TexturedMesh scaledAndMoved(const TexturedMesh& mesh, double factor, const glm::vec3& offset);

// The variant named `kind` ("duplicate-shell", "flipped-shell", "flip-faces", "holes",
// "open-sheet", "parts", "scale", "move") with its one numeric `amount` (ignored where a variant
// takes none). Throws UsageError for an unknown kind.
TexturedMesh hostileVariant(const TexturedMesh& mesh, const std::string& kind, double amount);
const std::vector<std::string>& hostileVariantKinds();

}  // namespace interp3d
