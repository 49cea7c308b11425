// Stage 1 of the pipeline (DESIGN.md): a solid made of a real mesh, as a signed distance field on
// the lattice (negative inside). Artists' files are rarely clean solids: faces written twice,
// flipped faces, holes, self-intersections, internal faces, many overlapping parts, open sheets.
// solidField() repairs what can be repaired (mesh/repair.h), takes inside/outside from generalized
// winding numbers at every lattice point (parity counting erases a shape whose surface is written
// twice), settles points whose winding number is neither near 0 nor 1 (beside a hole, a sheet) by
// the level set w = 1/2 (a smooth cap across a hole), makes an open sheet a thin slab, closes
// pinholes the lattice makes in thin walls, and measures the distance to the solid's own boundary,
// so internal faces leave no trace.
#pragma once

#include <memory>

#include <string>

#include "geometry/surface_query.h"
#include "lattice/grid.h"
#include "mesh/repair.h"
#include "util/progress.h"

namespace interp3d {

struct SolidOptions {
  double insideWinding = 0.5;     // inside where the winding number exceeds this
  double sheetWindingLow = 0.25;  // |winding| in [low, high] beside the surface: an open sheet
  double sheetWindingHigh = 0.75;
  float sheetHalfThickness = 0.75f;  // a sheet becomes a slab this many cells thick on each side
  double minKeptSurface = 0.5;  // less of the surface than this on the solid's boundary: an error
  int handleRepairCells = 2;    // handles the lattice adds to thin features (more than the mesh
                                // has) are closed or cut up to this many cells
  int threads = 2;
};

struct SolidField {
  ScalarGrid sdf;     // signed distance to the solid's boundary, negative inside
  TexturedMesh mesh;  // the repaired input (duplicates out, faces turned outwards)
  std::unique_ptr<SurfaceQuery> query;  // closest points on `mesh` (built once, reused by callers)
  RepairReport repair;                  // what was repaired before
  std::size_t sheetPoints = 0;          // lattice points inside slabs made of open sheets
  std::size_t cappedPoints = 0;    // lattice points inside caps across openings (winding over 1/2
                                   // but not near 1)
  std::size_t pocketPoints = 0;    // lattice points of enclosed pockets of outside, filled
  double keptSurface = 1.0;        // area fraction of the input's surface on the solid's boundary
  std::size_t handlesRemoved = 0;  // handles of the lattice's own making closed or cut
  std::size_t genus = 0;           // handles of the solid's surface
  // "the surface is written twice (5856 duplicate faces removed); 1 part; 100% of the surface on
  // the solid"
  std::string describe() const;
};

// The solid of `mesh` (unit-cube coordinates) on the lattice `spec`. Throws MeshError when the
// solid keeps less than options.minKeptSurface of the surface (the message says how much), and
// Cancelled.
SolidField solidField(const TexturedMesh& mesh, const GridSpec& spec, const SolidOptions& options,
                      const Progress& progress = {});

// The plain signed distance of a clean closed mesh: distance from the closest-point query, sign
// from the parity of surface crossings along lattice rows in x, y and z by majority vote. Used for
// the procedurally generated training shapes, which are clean by construction.
ScalarGrid signedDistanceGrid(const TexturedMesh& mesh, const SurfaceQuery& query,
                              const GridSpec& spec);

}  // namespace interp3d
