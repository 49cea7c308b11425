#include "morph/morph_solver.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <future>
#include <mutex>
#include <optional>

#include "geometry/decimate.h"
#include "lattice/adaptive_mesh.h"
#include "lattice/marching_tetrahedra.h"
#include "mesh/roughness.h"
#include "mesh/topology.h"
#include "metrics/mesh_metrics.h"
#include "morph/endpoint.h"
#include "morph/extremities.h"
#include "morph/frame_geometry.h"
#include "morph/landmarks.h"
#include "morph/mesh_frame.h"
#include "morph/one_topology.h"
#include "util/error.h"
#include "util/parallel.h"

namespace interp3d {

namespace {
using Clock = std::chrono::steady_clock;

// One plain material for the whole frame and no UVs: what a frame has before its colours are baked
// into an atlas or given per vertex (an input's own materials would count their factors twice).
void plainMaterial(TexturedMesh& mesh) {
  mesh.cornerUVs.clear();
  Material material;
  material.name = "morph";
  mesh.materials = {material};
  mesh.materialIds.assign(mesh.triangleCount(), 0);
}
double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}
}  // namespace

// The structure prior with its time added to the solver's "prior" timing.
class TimedRefiner : public FieldRefiner {
 public:
  TimedRefiner(std::shared_ptr<const FieldRefiner> inner,
               std::function<void(Clock::time_point)> done)
      : inner_(std::move(inner)), done_(std::move(done)) {}
  void refine(const ScalarGrid& warpedSource, const ScalarGrid& warpedTarget, float s,
              ScalarGrid& field) const override {
    const auto start = Clock::now();
    inner_->refine(warpedSource, warpedTarget, s, field);
    done_(start);
    // A user's prior file is untrusted: its output is checked where it enters.
    const auto bad = std::count_if(field.values.begin(), field.values.end(),
                                   [](float v) { return !std::isfinite(v); });
    if (bad || field.values.size() != warpedSource.values.size())
      throw Error("the prior's structure model returned " + std::to_string(bad) +
                  " lattice values that are not finite (NaN or infinite); use another prior or "
                  "--prior-parts without structure");
  }

 private:
  std::shared_ptr<const FieldRefiner> inner_;
  std::function<void(Clock::time_point)> done_;
};

struct MorphSolver::Impl {
  MorphOptions options;
  PlainCodec plainCodec;
  NormalizedPair pair;
  GridSpec spec;
  MorphEndpoint src, dst;
  std::unique_ptr<SurfaceTexture> srcTexture, dstTexture;
  Correspondence correspondence;
  std::unique_ptr<TimedRefiner> refiner;  // the structure prior, timed; null without it
  std::vector<MorphFrame> frames;
  std::vector<std::string> notes;
  mutable std::mutex timingMutex;
  mutable std::map<std::string, double> timings;

  void addTiming(const std::string& stage, Clock::time_point start) const {
    const double seconds = secondsSince(start);
    std::lock_guard<std::mutex> lock(timingMutex);
    timings[stage] += seconds;
  }

  FusionInputs fusion(const FrameWarp& warp) const {
    return {*srcTexture, *src.query, *dstTexture, *dst.query, warp};
  }

  std::size_t maxGenus = SIZE_MAX;  // handles the endpoints' solids have, at most
  double minComponentShare = 0.0;   // of a frame's piece of surface (FrameGeometryOptions)
  std::size_t maxTriangles = 0;     // of a frame meshed from the lattice

  ScalarGrid coarseSrc, coarseDst;  // the solids on a lattice twice as coarse
  Grid<glm::vec4> srcSlopes, dstSlopes, coarseSrcSlopes, coarseDstSlopes;  // withSlopes() of each

  // The frame's surface on the coarse lattice, as the schedule measures distances along the
  // morph (topology is not controlled there: it changes distances little and costs much).
  TexturedMesh coarseGeometryAt(double s, int threads, const Progress& progress) const {
    FrameGeometryOptions o = options.frame;
    o.smoothing *= 0.5f;  // the same physical width on cells twice as large
    o.keepComponents = std::max(pair.source.components, pair.target.components);
    o.minComponentShare = minComponentShare;
    o.refiner = nullptr;
    o.sourceSlopes = &coarseSrcSlopes;
    o.targetSlopes = &coarseDstSlopes;
    o.threads = threads;
    const FrameWarp warp = correspondence.warpAt(static_cast<float>(s), threads);
    return frameGeometry(coarseSrc, coarseDst, warp, s, o, progress);
  }

  // The frame's solid at s on the full lattice, its topology controlled.
  // `threads`: 0 for options.threads.
  FrameSurface surfaceAt(double s, const FrameWarp& warp, const Progress& progress,
                         int threads = 0) const {
    FrameGeometryOptions go = options.frame;
    go.keepComponents = std::max(pair.source.components, pair.target.components);
    go.minComponentShare = minComponentShare;
    go.refiner = refiner.get();
    go.threads = threads > 0 ? threads : options.threads;
    go.maxGenus = maxGenus;
    go.sourceSlopes = &srcSlopes;
    go.targetSlopes = &dstSlopes;
    return frameSurface(src.sdf, dst.sdf, warp, s, go, progress);
  }

  // Input `end` (0 source, 1 target) carried to s and settled on the frame's surface: its
  // vertex positions when the fit is acceptable, else empty.
  std::vector<glm::vec3> fitInput(int end, double s, const FrameSurface& frame,
                                  const Progress& progress, double* coverage,
                                  int threads = 0) const {
    if (threads <= 0) threads = options.threads;
    // The frame next to an input's end is that input carried unless turned over
    // (MeshFrameFit::acceptable).
    const int n = static_cast<int>(frames.size());
    const bool beside = n > 2 && (end == 0 ? s <= frames[1].s : s >= frames[n - 2].s);
    const MorphEndpoint& input = end == 0 ? src : dst;
    const float a = static_cast<float>(s);
    TexturedMesh carried = input.fitMesh;
    carried.positions =
        correspondence.carry(carried.positions, end == 1, end == 0 ? a : 1.0f - a, threads);
    const double latticeRoughness =
        frame.surface.triangles.empty() ? 0.0 : surfaceRoughness(frame.surface);
    MeshFrameFit fit = fitMeshToFrame(carried, input.internal, frame.field, frame.surface,
                                      std::max(latticeRoughness, input.roughness),
                                      end == 0 ? s : 1.0 - s, options.meshFrame, threads, progress);
    if (!fit.acceptable(options.meshFrame, input.baseline, beside)) return {};
    if (coverage) *coverage = fit.coverage;
    fit.mesh.positions.resize(input.repaired.positions.size());
    return std::move(fit.mesh.positions);
  }

  // Where each input may be the frame: the source for s <= sourceUntil, the target for
  // s >= targetFrom. Each range runs unbroken from its end (a frame never switches from an input
  // to the lattice surface and back), found on the scheduled frames, whose settled vertices
  // are kept in `settled`.
  double sourceUntil = 0.0, targetFrom = 1.0;
  struct Settled {
    int end = 0;
    std::vector<glm::vec3> positions;
    double coverage = 0.0;
    int closing = 0;
  };
  std::map<double, Settled> settled;
  std::map<double, FrameSurface> lattice;  // scheduled frames found to be the lattice's, made

  // The one-topology path (one_topology.h): the source landed on the target and the shapes in
  // between; null on the lattice path.
  std::vector<Landmark> unitLandmarks;  // the user's, in the unit cube (the target's aligned)
  std::unique_ptr<LandedMesh> landing;
  std::unique_ptr<ShapeInterpolation> shapes;
  std::unique_ptr<SurfaceTexture> baseTexture;  // of landing->base
  std::unique_ptr<SurfaceQuery> baseQuery;      // on landing->base
  PointColors vertexColors;                     // of the base's vertices on both inputs

  // Lands the source on the target when the two have the same genus and parts; notes what it
  // did. Keeps the landing when it fits (or the options ask for it whatever the fit).
  // `source` and `target`: the topology of the inputs' surfaces, as repaired.
  void chooseTopology(const TopologyStats& source, const TopologyStats& target,
                      const Progress& progress) {
    const OneTopologyOptions& o = options.oneTopology;
    if (o.mode == TopologyMode::Lattice) return;
    auto describe = [](const TopologyStats& t) {
      return "genus " + std::to_string(t.genus) + ", " + std::to_string(t.components) +
             (t.components == 1 ? " part" : " parts") +
             (t.boundaryLoops == 0   ? std::string()
              : t.boundaryLoops == 1 ? std::string(", 1 hole")
                                     : ", " + std::to_string(t.boundaryLoops) + " holes");
    };
    if (source.genus != target.genus || source.components != target.components ||
        source.boundaryLoops != target.boundaryLoops) {
      notes.push_back("one topology: the source has " + describe(source) + ", the target " +
                      describe(target) + "; the frames are meshed from the lattice");
      return;
    }
    if (src.repaired.positions.size() > o.maxVertices) {
      notes.push_back("one topology: the source has " +
                      std::to_string(src.repaired.positions.size()) + " vertices, more than " +
                      std::to_string(o.maxVertices) + "; the frames are meshed from the lattice");
      return;
    }
    // One mesh in two shapes (two sculpt stages, a blend-shape target, a mesh and itself): each
    // vertex goes to its own place. A landing found by the correspondence slides along the
    // surface, and spot morphed into itself showed its eyes twice halfway.
    const bool sameMesh = src.repaired.triangles == dst.repaired.triangles &&
                          src.repaired.positions.size() == dst.repaired.positions.size();
    if (sameMesh)
      notes.push_back(
          "one topology: the source and the target are one mesh in two shapes (the "
          "same " +
          std::to_string(src.repaired.triangleCount()) +
          " triangles): every vertex goes to its own place on the target");
    // The landing may cross itself where the inputs do, and a little more. The inputs' own
    // crossings are counted only when they decide (2.7 s for a 375k-triangle target).
    std::optional<std::size_t> ownCrossings;
    auto reached = [&](const LandedMesh& l) {
      return l.chamfer <= o.maxChamfer && l.unreached <= o.maxUnreached &&
             l.farthest <= o.maxFarthest;
    };
    auto close = [&](const LandedMesh& l) { return reached(l) && l.flipped <= o.maxFlipped; };
    auto allowance = [&](const LandedMesh& l) {
      return static_cast<std::size_t>(o.maxCrossings * l.base.triangleCount());
    };
    auto fits = [&](const LandedMesh& l) {
      if (!close(l)) return false;
      if (l.crossings <= allowance(l)) return true;
      if (!ownCrossings)
        ownCrossings = countSelfIntersections(src.repaired) + countSelfIntersections(dst.repaired);
      return l.crossings <= *ownCrossings + allowance(l);
    };
    LandedMesh landed;
    try {
      if (sameMesh) {
        landed = landSameMesh(src.repaired, dst.repaired, *dst.query, o, options.threads, progress);
      } else {
        const std::vector<glm::vec3> carried =
            correspondence.carry(src.repaired.positions, false, 1.0f, options.threads);
        // The matched tips hold as the user's landmarks do: a foot sent to a foot stays there.
        std::vector<Landmark> marks = unitLandmarks;
        marks.insert(marks.end(), correspondence.tips.begin(), correspondence.tips.end());
        landed = landOnTarget(src.repaired, carried, dst.repaired, *dst.query, marks, o,
                              options.threads, progress);
        // Growing into thin parts can leave crossings or folds that landing again does not undo
        // (cow->spot: 724 crossing pairs once, 6 another time): then, in auto, the landing
        // without the reach rounds, if it fits (it cannot reach farther, so only then).
        if (o.mode == TopologyMode::Auto && o.reachRounds > 0 && reached(landed) && !fits(landed)) {
          OneTopologyOptions plain = o;
          plain.reachRounds = 0;
          try {
            LandedMesh second = landOnTarget(src.repaired, carried, dst.repaired, *dst.query, marks,
                                             plain, options.threads, progress);
            if (fits(second)) landed = std::move(second);
          } catch (const Cancelled&) {
            throw;
          } catch (const std::exception&) {  // the first landing stands
          }
        }
      }
    } catch (const Cancelled&) {
      throw;
    } catch (const std::exception& e) {  // a landing that collapsed: the lattice path
      notes.push_back(std::string("one topology: the source could not land on the target (") +
                      e.what() + "); the frames are meshed from the lattice");
      return;
    }
    const bool fitting = fits(landed);
    const bool counted = ownCrossings.has_value() && landed.crossings > allowance(landed);
    char line[500] = "the source's landing on the target has no area left";
    const std::string relanded =
        landed.relanded == 0   ? std::string()
        : landed.relanded == 1 ? std::string(" (1 region that crossed or folded landed again)")
                               : " (" + std::to_string(landed.relanded) +
                                     " regions that crossed or folded landed again)";
    if (std::isfinite(landed.chamfer))
      std::snprintf(line, sizeof line,
                    "the source lands on the target within %.2f%% of its size, leaving %.1f%% of "
                    "the target out of its reach (the farthest point %.1f%% of its size away), "
                    "%.1f%% of its surface folded over, %zu pairs of its triangles crossing%s%s",
                    100.0 * landed.chamfer, 100.0 * landed.unreached, 100.0 * landed.farthest,
                    100.0 * landed.flipped, landed.crossings,
                    counted ? (" (the inputs: " + std::to_string(*ownCrossings) + ")").c_str() : "",
                    relanded.c_str());
    if (!std::isfinite(landed.chamfer) || (!fitting && o.mode == TopologyMode::Auto)) {
      notes.push_back(std::string("one topology: ") + line +
                      "; the frames are meshed from the "
                      "lattice (--topology source keeps the source's mesh)");
      return;
    }
    notes.push_back(std::string("one topology: every frame is the source's mesh (") +
                    std::to_string(landed.base.triangleCount()) + " triangles); " + line);
    const bool checked = landed.base.triangleCount() <= o.maxUntangleTriangles;
    shapes = std::make_unique<ShapeInterpolation>(
        landed.base, landed.landed, checked ? o.untanglePasses : 0, options.threads, progress);
    const std::size_t found = shapes->crossingsFound(), left = shapes->crossingsLeft();
    if (!checked && o.untanglePasses > 0)
      notes.push_back("one topology: the in-betweens were not checked for crossings (" +
                      std::to_string(landed.base.triangleCount()) + " triangles, more than " +
                      std::to_string(o.maxUntangleTriangles) + ")");
    else if (found > 0)
      notes.push_back("one topology: 15 checked in-betweens crossed themselves " +
                      std::to_string(found) +
                      " times (pairs of triangles, summed) away from the ends' own crossings; " +
                      (left < found ? "turned as one piece there, " + std::to_string(left) + " left"
                                    : std::string("left as they were (turned as one piece, they "
                                                  "crossed no less)")));
    // Every frame's texture in one layout: the source's own, or an atlas made once for it with the
    // source's colours baked in. An untextured source's atlas (no texture, one colour or none a
    // vertex) is laid out for its triangles where they land, as only the target's texture needs
    // the detail (laid out on the cow, spot's eye
    // fell on a few texels of the cow's cheek and came out smeared).
    const bool ownLayout = hasOwnLayout(landed.base);
    if (textured() && !ownLayout) {
      const FrameWarp still = correspondence.warpAt(0.0f, options.threads);
      const std::vector<glm::vec4>& colours = pair.source.unit.vertexColors;  // one, or none
      const bool plain = !pair.source.unit.hasTexture() &&
                         std::adjacent_find(colours.begin(), colours.end(),
                                            std::not_equal_to<>()) == colours.end();
      plainMaterial(landed.base);
      bakeFrameTexture(fusion(still), landed.base, 0.0, options.texture, options.threads, progress,
                       plain ? &landed.landed : nullptr);
      landed.base.vertexColors.clear();  // baked into the texture: counted once
    }
    landing = std::make_unique<LandedMesh>(std::move(landed));
    // The source's own layout, coarser than the target's texture where it lands: its frames'
    // textures are baked larger (the source's colours magnified), so the target's detail fits.
    const int textureScale =
        ownLayout ? layoutScale(landing->base, landing->landed, dstTexture->mesh(), *dst.query) : 1;
    if (textureScale > 1) {
      const Image& first = landing->base.materials.front().baseColorTexture;
      notes.push_back(
          "one topology: the source's texture layout has fewer texels than the "
          "target's texture where it lands; its frames' textures are baked at " +
          std::to_string(textureScale) + " times its size (" +
          std::to_string(first.width * textureScale) + "x" +
          std::to_string(first.height * textureScale) + ")");
    }
    baseTexture = std::make_unique<SurfaceTexture>(landing->base, options.texture, textureScale);
    baseQuery = std::make_unique<SurfaceQuery>(landing->base, options.threads);
    vertexColors = pointColors(baseFusion(), landing->base.positions, landing->landed);
  }

  // Whether either input has a texture (frames then get one baked).
  bool textured() const { return pair.source.unit.hasTexture() || pair.target.unit.hasTexture(); }

  // The colours one-topology frames read: the base's own texture and the target.
  FusionInputs baseFusion() const {
    static const FrameWarp unused;  // the places on both inputs are known per vertex
    return {*baseTexture, *baseQuery, *dstTexture, *dst.query, unused};
  }

  // The one-topology mesh at s (unit cube), its normals computed.
  TexturedMesh shapeMeshAt(double s) const {
    TexturedMesh mesh = landing->base;
    if (s > 0.0) {
      mesh.positions = shapes->at(s);
      computeVertexNormals(mesh);
    }
    return mesh;
  }

  // A frame of the one-topology path: the source's mesh with its own UVs, its texture the fused
  // colours of the source's texel and the target's colour where the texel lands.
  TexturedMesh oneTopologyFrame(double s, bool bakeTexture, const Progress& progress) const {
    auto start = Clock::now();
    TexturedMesh mesh = shapeMeshAt(s);
    addTiming("geometry", start);
    start = Clock::now();
    if (s > 0.0 && textured() && bakeTexture) {
      bakeOwnLayout(baseFusion(), mesh, false, s, options.threads, progress, &landing->landed);
    } else if (s > 0.0) {
      // Vertex colours carry everything (materials' factors and textures): one plain material, as
      // lattice frames have, or a factor would count twice.
      mesh.vertexColors = fusePointColors(vertexColors, s);
      plainMaterial(mesh);
    }
    toUserUnits(mesh, pair, s);
    addTiming("texture", start);
    return mesh;
  }

  // --mirror-landmarks: the pairs' mirror images across both inputs' symmetry planes join the
  // landmarks (at most kMaxLandmarks in all), said in one line.
  void mirrorLandmarks(const TexturedMesh& source, const TexturedMesh& target,
                       const Progress& progress) {
    const std::string& file = options.landmarksName;
    if (options.landmarks.empty()) {
      notes.push_back(
          "--mirror-landmarks: there are no landmarks to mirror (give them with "
          "--landmarks FILE)");
      return;
    }
    progress.report(0.0, "mirroring landmarks");
    const auto start = Clock::now();
    AlignmentOptions planes;
    planes.seed = options.seed;
    MirrorReport report;
    const std::vector<Landmark> images =
        mirroredLandmarks(options.landmarks, source, findHeading(source, planes), target,
                          findHeading(target, planes), {}, &report, options.threads,
                          kMaxLandmarks - std::min(kMaxLandmarks, options.landmarks.size()));
    progress.check();
    options.landmarks.insert(options.landmarks.end(), images.begin(), images.end());
    addTiming("mirror landmarks", start);
    if (!report.symmetric) {
      notes.push_back(file + ": not mirrored: " + options.sourceName + " or " + options.targetName +
                      " is not mirror-symmetric about a vertical plane");
      return;
    }
    std::string line = file + ": " + std::to_string(images.size()) +
                       (images.size() == 1 ? " pair" : " pairs") +
                       " added as mirror images across the symmetry planes";
    std::vector<std::string> left;
    if (report.taken > 0)
      left.push_back(std::to_string(report.taken) + " on the plane or already marked");
    if (report.offSurface > 0)
      left.push_back(std::to_string(report.offSurface) +
                     " where the two sides differ (no surface at the image)");
    if (report.beyondRoom > 0)
      left.push_back(std::to_string(report.beyondRoom) + " beyond the most pairs, " +
                     std::to_string(kMaxLandmarks));
    for (std::size_t i = 0; i < left.size(); ++i)
      line += (i == 0 ? "; left out: " : ", ") + left[i];
    notes.push_back(line);
  }

  void findHandover(const Progress& progress) {
    const int n = static_cast<int>(frames.size());
    progress.report(0.0, "handover");
    std::mutex kept;  // guards `lattice` and `settled` while the two ends search side by side
    // Whether input `end` fits frame k (and if so, kept), on `threads` threads.
    auto fits = [&](int end, int k, int threads) {
      const double s = frames[k].s;
      std::unique_lock<std::mutex> lock(kept);
      auto known = lattice.find(s);
      if (known == lattice.end()) {
        lock.unlock();
        const FrameWarp warp = correspondence.warpAt(static_cast<float>(s), threads);
        FrameSurface made = surfaceAt(s, warp, progress, threads);
        lock.lock();
        known = lattice.emplace(s, std::move(made)).first;
      }
      const FrameSurface& frame = known->second;  // a map's elements stay where they are
      lock.unlock();
      if (frame.surface.triangles.empty()) return false;
      Settled fit{end, {}, 0.0, frame.closing};
      fit.positions = fitInput(end, s, frame, progress, &fit.coverage, threads);
      if (fit.positions.empty()) return false;
      lock.lock();
      settled[s] = std::move(fit);
      lattice.erase(s);
      return true;
    };
    // Each input from its own end towards the middle, the two ends side by side (each search is
    // a chain of steps that use two threads poorly); then the one that reached the middle goes on
    // towards the other's range.
    int lastSource = 0, firstTarget = n - 1;
    const int half = std::max(1, options.threads / 2);
    auto sourceSide = [&] {
      while (lastSource + 1 < n - 1 && frames[lastSource + 1].s <= 0.5 &&
             fits(0, lastSource + 1, half))
        ++lastSource;
    };
    auto targetSide = [&] {
      while (firstTarget - 1 > 0 && frames[firstTarget - 1].s > 0.5 &&
             fits(1, firstTarget - 1, std::max(1, options.threads - half)))
        --firstTarget;
    };
    if (options.threads >= 2 && !refiner) {  // (the structure prior's module runs one at a time)
      std::future<void> target = std::async(std::launch::async, targetSide);
      try {
        sourceSide();
      } catch (...) {
        target.wait();
        throw;
      }
      target.get();
    } else {
      sourceSide();
      targetSide();
    }
    if (lastSource + 1 < firstTarget && frames[lastSource + 1].s > 0.5)
      while (lastSource + 1 < firstTarget && fits(0, lastSource + 1, options.threads)) ++lastSource;
    if (firstTarget - 1 > lastSource && frames[firstTarget - 1].s <= 0.5)
      while (firstTarget - 1 > lastSource && fits(1, firstTarget - 1, options.threads))
        --firstTarget;
    sourceUntil = frames[lastSource].s;
    targetFrom = frames[firstTarget].s;
  }
};

MorphSolver::MorphSolver(TexturedMesh source, TexturedMesh target, const MorphOptions& options,
                         const Progress& progress)
    : impl_(std::make_unique<Impl>()) {
  if (options.frames < 2) throw UsageError("a morph needs at least 2 frames");
  if (options.fields.resolution < 8 || options.fields.resolution > 256)
    throw UsageError("resolution must be from 8 to 256");
  Impl& m = *impl_;
  m.options = options;
  const int resolution = options.fields.resolution;
  m.spec = GridSpec::unitCube(resolution, options.fields.margin);
  if (options.learned.structure) {
    m.refiner = std::make_unique<TimedRefiner>(
        options.learned.structure, [&m](Clock::time_point start) { m.addTiming("prior", start); });
  }

  const std::string far = describeFarLandmark(options.landmarks, boundingBox(source.positions),
                                              boundingBox(target.positions));
  if (!far.empty()) throw UsageError(options.landmarksName + ": " + far);
  if (options.mirrorLandmarks) m.mirrorLandmarks(source, target, progress);

  progress.report(0.0, "normalise");
  auto start = Clock::now();
  m.pair = normalizeAndAlign(std::move(source), std::move(target), options.align, options.seed);
  m.addTiming("normalise", start);

  start = Clock::now();
  const LatentCodec& codec = options.learned.codec ? *options.learned.codec : m.plainCodec;
  progress.report(0.05, "fields");
  // The two endpoints side by side, on half the threads each (their fields' steps between the
  // parallel ones are serial), unless the learned codec's module is in use (one call at a time).
  const bool sideBySide = options.threads >= 2 && !options.learned.codec;
  auto prepare = [&](const UnitMesh& mesh, const std::string& name, int threads) {
    SolidOptions solid = options.fields.solid;
    solid.threads = threads;
    try {
      return prepareEndpoint(mesh, m.spec, codec, solid, progress);
    } catch (const MeshError& e) {
      throw MeshError(name + ": " + e.what());
    }
  };
  const int srcThreads = sideBySide ? (options.threads + 1) / 2 : options.threads;
  const int dstThreads = sideBySide ? options.threads / 2 : options.threads;
  parallelEach(2, sideBySide ? 2 : 1, [&](std::size_t e) {
    if (e == 0)
      m.src = prepare(m.pair.source, options.sourceName, srcThreads);
    else
      m.dst = prepare(m.pair.target, options.targetName, dstThreads);
  });
  if (m.src.changed) m.notes.push_back(options.sourceName + ": " + m.src.solid);
  if (m.dst.changed) m.notes.push_back(options.targetName + ": " + m.dst.solid);
  // Colours are read on the repaired inputs, where the surface queries are.
  m.srcTexture = std::make_unique<SurfaceTexture>(m.src.repaired, options.texture);
  m.dstTexture = std::make_unique<SurfaceTexture>(m.dst.repaired, options.texture);
  // What a frame may have: the endpoints' solids' handles, the larger input's triangles.
  const TexturedMesh srcSolid = extractZeroSurface(m.src.sdf),
                     dstSolid = extractZeroSurface(m.dst.sdf);
  m.maxGenus = std::max(computeTopology(srcSolid).genus, computeTopology(dstSolid).genus);
  // A frame's piece is a part when it is at least half as large a share as the inputs' smallest.
  m.minComponentShare =
      0.5 * std::min(smallestComponentShare(srcSolid), smallestComponentShare(dstSolid));
  // Never so few that a lattice frame decimates to nothing (a budget of 1 once left a frame
  // without triangles, after the whole computation).
  constexpr std::size_t kFewestFrameTriangles = 500;
  m.maxTriangles = std::max(
      kFewestFrameTriangles,
      options.maxTriangles > 0
          ? static_cast<std::size_t>(options.maxTriangles)
          : std::max(m.pair.source.unit.triangleCount(), m.pair.target.unit.triangleCount()));
  m.addTiming("fields", start);

  start = Clock::now();
  progress.report(0.35, "correspondence");
  std::vector<glm::vec3> srcMarks, dstMarks;
  for (const Landmark& l : m.options.landmarks) {
    srcMarks.push_back(m.pair.source.toUnit.apply(l.source));
    dstMarks.push_back(targetToUnit(m.pair, l.target));
    m.unitLandmarks.push_back({srcMarks.back(), dstMarks.back()});
  }
  m.correspondence = correspond(m.src, m.dst, srcMarks, dstMarks, m.spec, resolution,
                                options.correspondence, options.learned.descriptors.get(),
                                options.seed, options.threads, progress.sub(0.35, 0.7));
  m.addTiming("correspondence", start);
  if (!m.correspondence.tips.empty()) {
    const std::size_t n = m.correspondence.tips.size();
    m.notes.push_back("tips: " + std::to_string(n) +
                      " matched between the source and the target (feet, ears, nose, tail, ...) " +
                      (n == 1 ? "steers" : "steer") +
                      " the correspondence (--tips off leaves them out)");
  }

  start = Clock::now();
  progress.report(0.7, "one topology");
  // The inputs' own meshes decide (a coarse lattice can split a thin leg off the solid).
  m.chooseTopology(computeTopology(m.src.repaired), computeTopology(m.dst.repaired),
                   progress.sub(0.7, 0.75));
  m.addTiming("one topology", start);

  start = Clock::now();
  progress.report(0.75, "schedule");
  const Progress scheduleProgress = progress.sub(0.75, 0.95);
  if (m.shapes) {
    m.frames = scheduleFrames(
        options.frames, options.timing, [&m](double s, int) { return m.shapeMeshAt(s); },
        options.seed, options.threads, scheduleProgress);
    m.addTiming("schedule", start);
  } else {
    m.coarseSrc = coarsened(m.src.sdf, 2);
    m.coarseDst = coarsened(m.dst.sdf, 2);
    if (options.frame.sloped) {
      m.srcSlopes = withSlopes(m.src.sdf, options.threads);
      m.dstSlopes = withSlopes(m.dst.sdf, options.threads);
      m.coarseSrcSlopes = withSlopes(m.coarseSrc, options.threads);
      m.coarseDstSlopes = withSlopes(m.coarseDst, options.threads);
    }
    m.frames = scheduleFrames(
        options.frames, options.timing,
        // Every candidate, the ends included, in the same coarse lattice form: a step from an
        // input mesh to a lattice surface would measure the change of form, not of shape.
        // (An end too thin for the coarse lattice is measured as the input itself.)
        [&m, &scheduleProgress](double s, int threads) {
          TexturedMesh coarse = m.coarseGeometryAt(s, threads, scheduleProgress);
          if (coarse.triangles.empty() && (s <= 0.0 || s >= 1.0))
            return s <= 0.0 ? m.pair.source.unit : m.pair.target.unit;
          return coarse;
        },
        options.seed, options.threads, scheduleProgress);
    m.addTiming("schedule", start);
    start = Clock::now();
    m.findHandover(progress.sub(0.95, 1.0));
    m.addTiming("handover", start);
  }
  progress.report(1.0, "ready");
}

MorphSolver::~MorphSolver() = default;

const std::vector<MorphFrame>& MorphSolver::frames() const {
  return impl_->frames;
}

std::string FrameInfo::name() const {
  switch (geometry) {
    case Geometry::Input:
      return "input";
    case Geometry::Source:
      return "source mesh";
    case Geometry::Target:
      return "target mesh";
    case Geometry::Lattice:
      return "lattice";
    case Geometry::OneTopology:
      return "one topology";
  }
  return "input";
}

TexturedMesh MorphSolver::meshAt(double s, bool bakeTexture, const Progress& progress,
                                 FrameInfo* info) const {
  const Impl& m = *impl_;
  FrameInfo made;
  if (m.shapes) {
    made.geometry = FrameInfo::Geometry::OneTopology;
    if (info) *info = made;
    return m.oneTopologyFrame(std::clamp(s, 0.0, 1.0), bakeTexture, progress);
  }
  if (info) *info = made;
  if (s <= 0.0) return m.pair.source.original;
  if (s >= 1.0) return m.pair.target.original;
  auto start = Clock::now();
  const float a = static_cast<float>(s);
  const FrameWarp warp = m.correspondence.warpAt(a, m.options.threads);
  m.addTiming("geometry: flow", start);
  auto sub = Clock::now();
  TexturedMesh mesh;
  int madeOf = -1;  // 0 source, 1 target, -1 the lattice surface
  FrameSurface frame;
  const auto kept = m.settled.find(s);
  if (kept != m.settled.end()) {  // a scheduled frame settled while finding the handover
    const Impl::Settled& k = kept->second;
    madeOf = k.end;
    mesh = (k.end == 0 ? m.src : m.dst).repaired;
    std::copy(k.positions.begin(), k.positions.end(), mesh.positions.begin());
    computeVertexNormals(mesh);
    made.coverage = k.coverage;
    frame.closing = k.closing;
  } else if (const auto known = m.lattice.find(s); known != m.lattice.end()) {
    frame = known->second;
  } else {
    frame = m.surfaceAt(s, warp, progress);
  }
  const TexturedMesh& surface = frame.surface;
  m.addTiming("geometry: surface", sub);
  sub = Clock::now();
  if (madeOf < 0 && surface.triangles.empty()) {
    // Thinner than the lattice resolves (a sheet's slab near its end): the nearer input, carried
    // by the correspondence, is the frame; an empty frame is never written.
    const int end = s < 0.5 ? 0 : 1;
    const MorphEndpoint& input = end == 0 ? m.src : m.dst;
    const std::vector<glm::vec3> carried = m.correspondence.carry(
        input.fitMesh.positions, end == 1, end == 0 ? a : 1.0f - a, m.options.threads);
    mesh = input.repaired;
    std::copy_n(carried.begin(), mesh.positions.size(), mesh.positions.begin());
    computeVertexNormals(mesh);
    madeOf = end;
  }
  // Otherwise an input settled on the frame's surface, within its range (the nearer first).
  for (const int end : s < 0.5 ? std::array{0, 1} : std::array{1, 0}) {
    if (madeOf >= 0) break;
    if (end == 0 ? s > m.sourceUntil : s < m.targetFrom) continue;
    const std::vector<glm::vec3> p = m.fitInput(end, s, frame, progress, &made.coverage);
    if (p.empty()) continue;
    // The input's own triangles, at the settled places of its vertices.
    mesh = (end == 0 ? m.src : m.dst).repaired;
    std::copy(p.begin(), p.end(), mesh.positions.begin());
    computeVertexNormals(mesh);
    madeOf = end;
  }
  m.addTiming("geometry: fit", sub);
  sub = Clock::now();
  if (madeOf < 0) {
    mesh = decimate(surface, m.maxTriangles);
    m.addTiming("geometry: decimate", sub);
    plainMaterial(mesh);
  }
  m.addTiming("geometry", start);
  start = Clock::now();
  const FusionInputs fusion = m.fusion(warp);
  const bool textured = m.textured();
  if (madeOf >= 0 && bakeTexture && textured && hasOwnLayout(mesh)) {
    bakeOwnLayout(fusion, mesh, madeOf == 1, s, m.options.threads, progress);
  } else {
    if (madeOf >= 0) plainMaterial(mesh);  // the input's own materials cannot carry the colours
    if (bakeTexture && textured)
      bakeFrameTexture(fusion, mesh, s, m.options.texture, m.options.threads, progress);
    else
      mesh.vertexColors = fusedColors(fusion, mesh.positions, s);
  }
  toUserUnits(mesh, m.pair, s);
  m.addTiming("texture", start);
  made.geometry = madeOf == 0   ? FrameInfo::Geometry::Source
                  : madeOf == 1 ? FrameInfo::Geometry::Target
                                : FrameInfo::Geometry::Lattice;
  made.closing = frame.closing;
  if (info) *info = made;
  return mesh;
}

Similarity MorphSolver::unitTransformAt(double s) const {
  return interp3d::unitTransformAt(impl_->pair, s);
}

float MorphSolver::turnAt(double s) const {
  // The frames are turned back by the part of the alignment done at s (toUserUnits).
  const glm::mat3 back = glm::transpose(
      partialRotation(impl_->pair.alignment.rotation, static_cast<float>(std::clamp(s, 0.0, 1.0))));
  const glm::vec3 z = back * glm::vec3(0.0f, 0.0f, 1.0f);
  return std::atan2(z.x, z.z);
}

std::size_t MorphSolver::latentCells(bool target) const {
  return (target ? impl_->dst : impl_->src).latent.cells.size();
}

const TexturedMesh& MorphSolver::alignedTarget() const {
  return impl_->pair.target.unit;
}

bool MorphSolver::oneTopology() const {
  return impl_->shapes != nullptr;
}

std::vector<glm::vec3> MorphSolver::shapeAt(double s) const {
  const Impl& m = *impl_;
  if (!m.shapes) return {};
  TexturedMesh mesh;
  mesh.positions = m.shapes->at(s);  // exactly the base and the landing at the ends
  toUserUnits(mesh, m.pair, std::clamp(s, 0.0, 1.0));
  return std::move(mesh.positions);
}

std::vector<glm::vec3> MorphSolver::sourceTips() const {
  const Impl& m = *impl_;
  std::vector<glm::vec3> tips;
  for (const Extremity& t : findExtremities(m.src.sdf, m.options.correspondence.extremity).tips)
    tips.push_back(t.position);
  if (tips.empty()) return tips;
  const std::vector<SurfacePoint> on = m.src.query->closest(tips);
  for (std::size_t i = 0; i < tips.size(); ++i)
    tips[i] = m.pair.source.toUnit.invert(on[i].position);
  return tips;
}

std::vector<glm::vec3> MorphSolver::correspondingPoints(
    const std::vector<glm::vec3>& sourcePoints) const {
  const Impl& m = *impl_;
  if (m.shapes) {  // one topology: where the source's mesh landed
    std::vector<glm::vec3> unit(sourcePoints.size());
    for (std::size_t i = 0; i < unit.size(); ++i)
      unit[i] = m.pair.source.toUnit.apply(sourcePoints[i]);
    const std::vector<SurfacePoint> on = m.baseQuery->closest(unit);
    std::vector<glm::vec3> out(on.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
      const glm::uvec3 t = m.landing->base.triangles[on[i].triangle];
      const glm::vec2 b = on[i].barycentric;
      const std::vector<glm::vec3>& q = m.landing->landed;
      out[i] = targetFromUnit(m.pair, (1.0f - b.x - b.y) * q[t.x] + b.x * q[t.y] + b.y * q[t.z]);
    }
    return out;
  }
  std::vector<glm::vec3> moved(sourcePoints.size());
  for (std::size_t i = 0; i < moved.size(); ++i) {
    const glm::vec3 x = m.pair.source.toUnit.apply(sourcePoints[i]);
    moved[i] = x + m.correspondence.sourceToTarget.sample(x);
  }
  const std::vector<SurfacePoint> landed = m.dst.query->closest(moved);
  std::vector<glm::vec3> out(landed.size());
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = targetFromUnit(m.pair, landed[i].position);
  return out;
}

const std::vector<std::string>& MorphSolver::notes() const {
  return impl_->notes;
}

const MorphOptions& MorphSolver::options() const {
  return impl_->options;
}

std::map<std::string, double> MorphSolver::timings() const {
  std::lock_guard<std::mutex> lock(impl_->timingMutex);
  return impl_->timings;
}

}  // namespace interp3d
