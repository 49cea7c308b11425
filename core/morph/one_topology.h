// Stage 3 of the pipeline (DESIGN.md), one-topology path: the source mesh itself goes through every
// frame. Its vertices are carried along the correspondence onto the target and fitted to the
// target's surface both ways (every source vertex onto the target, and every part of the target
// reached by the source), with edges split where the target needs more detail than the source
// has. In-betweens interpolate each triangle's deformation (its rotation turned part of the way,
// its stretch blended) and solve for the positions that fit those best, so turning parts keep
// their volume instead of cutting corners along straight lines. Every frame has the source's
// connectivity and UVs: shape keys for DCC tools, and a frame costs a few milliseconds.
#pragma once

#include <memory>
#include <vector>

#include "geometry/surface_query.h"
#include "mesh/textured_mesh.h"
#include "morph/correspondence.h"
#include "util/progress.h"

namespace interp3d {

enum class TopologyMode {
  Auto,     // one topology when source and target have the same genus and the fit lands, else
            // the lattice path
  Source,   // one topology whenever the genus allows it, however well the fit lands
  Lattice,  // always the lattice path
};

// Parses "auto", "source", "lattice". Throws UsageError otherwise.
TopologyMode parseTopologyMode(const std::string& name);
std::string topologyModeName(TopologyMode mode);

struct OneTopologyOptions {
  TopologyMode mode = TopologyMode::Auto;
  int fitRounds = 10;          // rounds of the two-way fit onto the target
  float stiffness = 4.0f;      // weight of the edges keeping their shape, in the first round;
                               // it halves every round down to stiffness / 64
  float targetSamples = 2.0f;  // target surface samples per base vertex (the reverse fit)
  float maxStretch = 2.0f;     // edges landing longer than this many times the median edge
                               // length of the finer input are split
  int refineRounds = 3;        // rounds of splitting and fitting again
  int unfoldSteps = 60;        // at the end, steps of smoothing where the mesh is folded over
  int relaxSteps = 4;          // smoothing steps along the target's surface after each round
  int reachRounds = 6;         // then up to this many rounds more while part of the target
                               // is out of reach (farther than reach / 2) and that part
                               // shrinks, with half the smoothing: tips grow into thin parts
                               // (cow->spot's horns: 3.5% of the diagonal short, then 1.1%)
  double flowPull = 0.1;       // weight of each vertex's pull towards where the correspondence
                               // sends it (against 1 onto the target's closest point), where the
                               // correspondence neither folds nor squeezes the mesh, but not in
                               // the reach rounds; 0: none, nor the next (no anchors)
  double settlePull = 0.25;    // part of that way each smoothing step after a fit round moves it
  int relandRings = 3;         // at the end, regions still crossing or folded, grown by this
                               // many rings (k times as many in the k-th pass), landed again
                               // (landing_repair.h); 0: none
  int relandPasses = 4;        // passes of that
  int untanglePasses = 3;      // in-betweens crossing themselves where neither end does
                               // turn as one piece there, over growing regions
                               // (ShapeInterpolation); 0: not checked
  std::size_t maxUntangleTriangles = 60000;  // a larger mesh is not checked (the checks of a 94k-
                                             // triangle mesh took 6 s with nothing to untangle)
  double maxChamfer = 0.005;         // auto: largest mean distance between the landed mesh and the
                                     // target, over the diagonal
  std::size_t maxVertices = 100000;  // a larger source takes the lattice path, and the landing
                                     // splits edges up to this many vertices (a 187k-vertex spot
                                     // took 119 s and 1.2 GB to land)
  double maxFlipped = 0.005;         // auto: largest area fraction folded over by the landing (a
                                     // fold is a self-intersection of the last frames: 2% folded
                                     // gave 3099 in cow->spot's last frame, 0% none in fox->spot's)
  double maxCrossings = 0.02;        // auto: most pairs of landed triangles that cross each other
                                     // beyond the inputs' own, per landed triangle (0.3% folded
                                     // still gave 1953 in cow->spot's 11.5k triangles; fox->spot's
                                     // 3.2k gave 37)
  double maxFarthest = 0.05;         // auto: largest distance of a target point from the landed
                                     // mesh or its vertices, over the diagonal (a missing part
                                     // can be a small area: fox->spot's horns, 0.6% of spot out
                                     // of reach, were 4.2% short)
  double reach = 0.02;         // a target point farther than this from the landed mesh, over the
                               // diagonal, is out of its reach
  double maxUnreached = 0.01;  // auto: largest area fraction of the target out of the landing's
                               // reach (fox->spot's landing, 0.35% Chamfer, left 9% of spot out:
                               // its horns and ears; cow->spot 0.4%, spot->creature 0.35%)
};

// The source mesh on the target.
struct LandedMesh {
  TexturedMesh base;              // the source (unit cube), its long-landing edges split (the
                                  // shape and the texture mapping are unchanged)
  std::vector<glm::vec3> landed;  // per vertex of `base`, its place on the target's surface
  double chamfer = 0.0;           // mean of both ways' mean surface distances, over the diagonal
                                  // (infinite when the landing has no area)
  double flipped = 0.0;           // area fraction of triangles facing against the target's
                                  // surface beneath them (folded over)
  std::size_t crossings = 0;      // pairs of landed triangles crossing each other
                                  // (countSelfIntersections): the last frame's self-intersections
  double unreached = 0.0;         // area fraction of the target farther than options.reach from
                                  // the landed mesh (a part of the target the last frame lacks)
  double farthest = 0.0;          // the largest distance of a target point or vertex from the
                                  // landed mesh, over the diagonal (what a thin part lacks)
  std::size_t relanded = 0;       // regions that crossed or folded, landed again
};

// Fits `source` (unit cube), whose vertices `carried` has already moved along the correspondence
// onto the target, to the target's surface (`target`, with `targetQuery` on it). Each landmark's
// source point (on `source`, unit cube) lands on its target point (unit cube of the target):
// hard constraints, held through the fit. Throws Cancelled.
LandedMesh landOnTarget(const TexturedMesh& source, const std::vector<glm::vec3>& carried,
                        const TexturedMesh& target, const SurfaceQuery& targetQuery,
                        const std::vector<Landmark>& landmarks, const OneTopologyOptions& options,
                        int threads, const Progress& progress = {});

// Two inputs that are one mesh in two shapes (the same triangles on the same vertices, as two
// sculpt stages or blend-shape targets are): every source vertex lands on its own target vertex,
// `target`'s positions, measured as landOnTarget measures a landing. Throws Cancelled.
LandedMesh landSameMesh(const TexturedMesh& source, const TexturedMesh& target,
                        const SurfaceQuery& targetQuery, const OneTopologyOptions& options,
                        int threads, const Progress& progress = {});

// `out`'s chamfer, unreached, farthest, flipped and crossings, of out.landed on the target.
void measureLanding(LandedMesh& out, const TexturedMesh& target, const SurfaceQuery& targetQuery,
                    const OneTopologyOptions& options, int threads, const Progress& progress);

// The in-betweens of a base mesh and its landed positions: at s every triangle's deformation from
// the base is its rotation turned by s and its stretch blended by s, and the positions are those
// that match these best (least squares on the edges, factored once). Exactly the base at s = 0
// and the landed positions at s = 1. Thread-safe after construction.
//
// Where in-betweens (checked at s = 1/16, 2/16, ..., 15/16) cross themselves more than six rings
// of triangles away from either end's own crossings, the crossing triangles and 1, 2, ... rings
// around them (pass 1, 2, ...; at most `untanglePasses` passes) turn as one piece: their
// rotations are smoothed over the region and the rest of each triangle's deformation is blended
// as stretch. The Fox's ears, whose sharp ridges flatten into spot's, folded through themselves
// (14 to 18 crossing pairs in frames 4 to 6 of 17); turned as one piece they do not. A pass that
// leaves as many crossings as it found or more is undone, and the next pass turns the same
// crossings with a wider region (cow->spot's 23, which one ring around them did not lower, went
// with a wider one). With no passes, nothing is checked.
class ShapeInterpolation {
 public:
  ShapeInterpolation(const TexturedMesh& base, const std::vector<glm::vec3>& landed,
                     int untanglePasses = 3, int threads = 2, const Progress& progress = {});
  ~ShapeInterpolation();
  ShapeInterpolation(const ShapeInterpolation&) = delete;
  ShapeInterpolation& operator=(const ShapeInterpolation&) = delete;

  std::vector<glm::vec3> at(double s) const;

  // Crossing pairs of triangles away from the ends' own, summed over the 15 checked in-betweens:
  // before untangling and after (both 0 with no passes).
  std::size_t crossingsFound() const;
  std::size_t crossingsLeft() const;

 private:
  void untangle(const TexturedMesh& base, int passes, int threads, const Progress& progress);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace interp3d
