// Making a solid's surface out of what artists' files contain: faces written twice (coincident
// shells), faces wound the wrong way, degenerate faces. Used before a mesh becomes a solid
// (lattice/solid_field.h) and by `info`, which reports what it finds.
#pragma once

#include <cstddef>
#include <string>

#include "mesh/textured_mesh.h"

namespace interp3d {

class Progress;

// Vertices on the surface's border closer than this fraction of the border's bounding-box diagonal
// are one vertex (a DCC tool's "merge by distance" for cracks left by rounding, a triangle soup);
// closed parts are never joined.
constexpr float kWeldTolerance = 1e-4f;

struct RepairReport {
  std::size_t triangles = 0;           // before the repair
  std::size_t weldedVertices = 0;      // border vertices within kWeldTolerance of another, joined
  std::size_t duplicateFaces = 0;      // faces on the same three vertices as an earlier face
  std::size_t degenerateFaces = 0;     // faces with a repeated vertex or no area
  std::size_t flippedFaces = 0;        // faces turned to agree with their neighbours
  std::size_t invertedComponents = 0;  // closed parts turned right side out (negative volume)
  std::size_t components = 0;          // pieces joined along edges after the repair
  std::size_t openComponents = 0;      // parts with boundary edges (holes or sheets)
  std::size_t boundaryLoops = 0;       // holes and sheet borders
  // How many times the surface is written: duplicateFaces / triangles rounded, plus one.
  std::size_t shellCopies() const;
  bool changed() const {
    return weldedVertices || duplicateFaces || degenerateFaces || flippedFaces ||
           invertedComponents;
  }
  // One line for people: "the surface is written twice (5856 duplicate faces removed); 12 flipped
  // faces turned; 3 pieces, 1 open (2 holes)".
  std::string describe() const;
};

// The mesh with vertices within kWeldTolerance joined, duplicate and degenerate faces removed,
// every part wound consistently (across edges shared by exactly two faces) and every closed part
// facing outwards. Positions, UVs and materials of the remaining faces are kept. `progress`, when
// given, is checked for cancellation.
TexturedMesh repairForSolid(const TexturedMesh& mesh, RepairReport* report = nullptr,
                            const Progress* progress = nullptr);

}  // namespace interp3d
