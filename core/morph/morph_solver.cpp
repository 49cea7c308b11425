#include "morph/morph_solver.h"

#include <chrono>
#include <functional>
#include <mutex>

#include "morph/endpoint.h"
#include "morph/frame_geometry.h"
#include "util/error.h"

namespace interp3d {

namespace {
using Clock = std::chrono::steady_clock;
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
  mutable std::mutex timingMutex;
  mutable std::map<std::string, double> timings;

  void addTiming(const std::string& stage, Clock::time_point start) const {
    const double seconds = secondsSince(start);
    std::lock_guard<std::mutex> lock(timingMutex);
    timings[stage] += seconds;
  }

  FusionInputs fusion() const {
    return {*srcTexture, *src.query, *dstTexture, *dst.query, correspondence};
  }

  TexturedMesh geometryAt(double s, const Progress& progress) const {
    FrameGeometryOptions o;
    o.keepComponents = std::max(pair.source.components, pair.target.components);
    o.refiner = refiner.get();
    o.threads = options.threads;
    return frameGeometry(src.sdf, dst.sdf, correspondence, s, o, progress);
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

  progress.report(0.0, "normalise");
  auto start = Clock::now();
  m.pair = normalizeAndAlign(std::move(source), std::move(target), options.align, options.seed);
  m.srcTexture = std::make_unique<SurfaceTexture>(m.pair.source.unit, options.texture);
  m.dstTexture = std::make_unique<SurfaceTexture>(m.pair.target.unit, options.texture);
  m.addTiming("normalise", start);

  start = Clock::now();
  const LatentCodec& codec = options.learned.codec ? *options.learned.codec : m.plainCodec;
  progress.report(0.05, "fields");
  m.src = prepareEndpoint(m.pair.source, m.spec, codec, options.threads, progress);
  progress.report(0.2, "fields");
  m.dst = prepareEndpoint(m.pair.target, m.spec, codec, options.threads, progress);
  m.addTiming("fields", start);

  start = Clock::now();
  progress.report(0.35, "correspondence");
  std::vector<glm::vec3> srcMarks, dstMarks;
  for (const Landmark& l : options.landmarks) {
    srcMarks.push_back(m.pair.source.toUnit.apply(l.source));
    dstMarks.push_back(targetToUnit(m.pair, l.target));
  }
  m.correspondence = correspond(m.src, m.dst, srcMarks, dstMarks, m.spec, resolution,
                                options.correspondence, options.learned.descriptors.get(),
                                options.seed, options.threads, progress.sub(0.35, 0.7));
  m.addTiming("correspondence", start);

  start = Clock::now();
  progress.report(0.7, "schedule");
  const Progress scheduleProgress = progress.sub(0.7, 1.0);
  m.frames = scheduleFrames(
      options.frames, options.timing,
      [&m, &scheduleProgress](double s) {
        if (s <= 0.0) return m.pair.source.unit;
        if (s >= 1.0) return m.pair.target.unit;
        return m.geometryAt(s, scheduleProgress);
      },
      options.seed, options.threads, scheduleProgress);
  m.addTiming("schedule", start);
  progress.report(1.0, "ready");
}

MorphSolver::~MorphSolver() = default;

const std::vector<MorphFrame>& MorphSolver::frames() const {
  return impl_->frames;
}

TexturedMesh MorphSolver::meshAt(double s, bool bakeTexture, const Progress& progress) const {
  const Impl& m = *impl_;
  if (s <= 0.0) return m.pair.source.original;
  if (s >= 1.0) return m.pair.target.original;
  auto start = Clock::now();
  TexturedMesh mesh = m.geometryAt(s, progress);
  m.addTiming("geometry", start);
  start = Clock::now();
  Material material;
  material.name = "morph";
  mesh.materials = {material};
  mesh.materialIds.assign(mesh.triangleCount(), 0);
  if (bakeTexture) {
    bakeFrameTexture(m.fusion(), mesh, s, m.options.texture, progress);
  } else {
    mesh.vertexColors = fusedColors(m.fusion(), mesh.positions, s);
  }
  toUserUnits(mesh, m.pair, s);
  m.addTiming("texture", start);
  return mesh;
}

Similarity MorphSolver::unitTransformAt(double s) const {
  return interp3d::unitTransformAt(impl_->pair, s);
}

std::size_t MorphSolver::latentCells(bool target) const {
  return (target ? impl_->dst : impl_->src).latent.cells.size();
}

const TexturedMesh& MorphSolver::alignedTarget() const {
  return impl_->pair.target.unit;
}

std::vector<glm::vec3> MorphSolver::correspondingPoints(
    const std::vector<glm::vec3>& sourcePoints) const {
  const Impl& m = *impl_;
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

const MorphOptions& MorphSolver::options() const {
  return impl_->options;
}

std::map<std::string, double> MorphSolver::timings() const {
  std::lock_guard<std::mutex> lock(impl_->timingMutex);
  return impl_->timings;
}

}  // namespace interp3d
