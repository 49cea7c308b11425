#include "jobs/morph_job.h"

#include <algorithm>
#include <chrono>

#include <unistd.h>

#include "io/mesh_export.h"
#include "io/mesh_import.h"
#include "morph/landmarks.h"
#include "morph/sequence_writer.h"
#include "prior/learned_parts.h"
#include "util/error.h"

namespace interp3d {

JobResult runJob(const std::function<void()>& work) {
  JobResult r;
  try {
    work();
  } catch (const Cancelled&) {
    r.status = JobStatus::Cancelled;
  } catch (const std::exception& e) {
    r.status = JobStatus::Failed;
    r.message = e.what();
  } catch (...) {
    r.status = JobStatus::Failed;
    r.message = "unknown error";
  }
  return r;
}

MorphOptions resolveMorphOptions(const MorphSettings& settings, const WarningSink& warn) {
  MorphOptions options = settings.morph;
  if (!settings.landmarksFile.empty()) {
    options.landmarks = loadLandmarks(settings.landmarksFile);
    options.landmarksName = settings.landmarksFile;
  }
  std::shared_ptr<const LearnedPrior> prior;
  if (settings.priorParts.any()) {
    if (settings.prior == "auto") {
      const std::filesystem::path shipped = LearnedPrior::shippedFile();
      if (!shipped.empty())
        prior = LearnedPrior::load(shipped, options.threads);
      else if (warn)
        warn("the shipped prior (assets/models/prior.pt) was not found; morphing without it");
    } else {
      prior = resolvePrior(settings.prior, options.threads);
    }
  }
  RefineOptions refine;
  refine.renoise = settings.priorRenoise;
  refine.steps = settings.priorSteps;
  refine.seed = options.seed;
  options.learned = makeLearnedParts(prior, settings.priorParts, refine);
  return options;
}

std::shared_ptr<const MorphSolver> solveMorph(const TexturedMesh& source,
                                              const TexturedMesh& target,
                                              const MorphOptions& options,
                                              const Progress& progress) {
  return std::make_shared<const MorphSolver>(source, target, options, progress);
}

std::vector<int> coarseToFineOrder(int frames) {
  std::vector<int> order;
  if (frames <= 0) return order;
  order.push_back(0);
  if (frames > 1) order.push_back(frames - 1);
  std::vector<std::pair<int, int>> gaps{{0, frames - 1}};
  while (!gaps.empty()) {
    std::vector<std::pair<int, int>> next;
    for (auto [a, b] : gaps) {
      if (b - a < 2) continue;
      const int mid = (a + b) / 2;
      order.push_back(mid);
      next.emplace_back(a, mid);
      next.emplace_back(mid, b);
    }
    gaps.swap(next);
  }
  return order;
}

void previewFrames(const MorphSolver& solver,
                   const std::function<void(int index, TexturedMesh frame)>& deliver,
                   const Progress& progress) {
  const std::vector<MorphFrame>& frames = solver.frames();
  const std::vector<int> order = coarseToFineOrder(static_cast<int>(frames.size()));
  for (std::size_t k = 0; k < order.size(); ++k) {
    progress.check();
    progress.report(static_cast<double>(k) / order.size(), "frame " + std::to_string(order[k]));
    deliver(order[k], solver.meshAt(frames[order[k]].s, false, progress));
  }
  progress.report(1.0, "done");
}

void exportFrame(const MorphSolver& solver, int index, const std::filesystem::path& path,
                 const Progress& progress) {
  const std::vector<MorphFrame>& frames = solver.frames();
  if (index < 0 || index >= static_cast<int>(frames.size()))
    throw UsageError("frame " + std::to_string(index) +
                     " does not exist (the morph has frames 0 to " +
                     std::to_string(frames.size() - 1) + ")");
  formatFromExtension(path);  // a bad extension fails before the work
  progress.report(0.0, "frame " + std::to_string(index));
  const TexturedMesh mesh = solver.meshAt(frames[index].s, true, progress.sub(0.0, 0.9));
  progress.check();
  saveMesh(mesh, path);
  progress.report(1.0, "done");
}

void checkOutputFolder(const std::filesystem::path& dir,
                       const std::vector<std::filesystem::path>& inputs) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec)) throw IoError(dir.string() + ": exists and is not a folder");
    if (::access(dir.c_str(), W_OK) != 0)
      throw IoError(dir.string() + ": the folder is not writable");
    refuseInputsInTheWay(dir, inputs);
    earlierRunFiles(dir);  // someone else's frames or manifest: refused before any work
    return;
  }
  fs::path parent = fs::absolute(dir, ec).parent_path();
  while (!parent.empty() && !fs::exists(parent, ec)) parent = parent.parent_path();
  if (parent.empty() || !fs::is_directory(parent, ec) || ::access(parent.c_str(), W_OK) != 0)
    throw IoError(dir.string() + ": cannot create the folder (" + parent.string() +
                  " is not a writable folder)");
}

namespace {
// Both inputs read (each by the isolated importer), their warnings passed on.
std::pair<LoadedMesh, LoadedMesh> loadPair(const std::filesystem::path& source,
                                           const std::filesystem::path& target,
                                           const MorphSettings& settings, const Progress& progress,
                                           const WarningSink& warn) {
  progress.report(0.0, "loading");
  LoadedMesh src = loadMesh(source, settings.import, progress);
  progress.check();
  LoadedMesh dst = loadMesh(target, settings.import, progress);
  progress.check();
  if (warn) {
    for (const std::string& w : src.warnings) warn(w);
    for (const std::string& w : dst.warnings) warn(w);
  }
  return {std::move(src), std::move(dst)};
}
// The engine's options for a morph of the files `source` and `target`, which its messages name.
MorphOptions pairOptions(const MorphSettings& settings, const std::filesystem::path& source,
                         const std::filesystem::path& target, const WarningSink& warn) {
  MorphOptions options = resolveMorphOptions(settings, warn);
  options.sourceName = source.filename().string();
  options.targetName = target.filename().string();
  return options;
}
}  // namespace

std::vector<Landmark> correspondFiles(const MorphSettings& settings,
                                      const std::filesystem::path& source,
                                      const std::filesystem::path& target,
                                      const std::filesystem::path& points, const Progress& progress,
                                      const WarningSink& warn) {
  const std::vector<glm::vec3> asked = loadPoints(points);
  MorphOptions options = pairOptions(settings, source, target, warn);
  options.frames = 2;  // the correspondence alone: no in-between frame is scheduled
  const auto [src, dst] = loadPair(source, target, settings, progress, warn);
  // A point far from the source is a mistake of units or of file, said before the work.
  const std::string far = describeFarPoint(asked, boundingBox(src.mesh.positions));
  if (!far.empty()) throw IoError(points.string() + ": " + far);
  const auto solver = solveMorph(src.mesh, dst.mesh, options, progress.sub(0.0, 0.95));
  if (warn)
    for (const std::string& note : solver->notes()) warn(note);
  const std::vector<glm::vec3> landed = solver->correspondingPoints(asked);
  std::vector<Landmark> pairs;
  for (std::size_t i = 0; i < asked.size(); ++i) pairs.push_back({asked[i], landed[i]});
  progress.report(1.0, "done");
  return pairs;
}

FrameCost frameCostFiles(const MorphSettings& settings, const std::filesystem::path& source,
                         const std::filesystem::path& target, const Progress& progress,
                         const WarningSink& warn) {
  using Clock = std::chrono::steady_clock;
  auto ms = [](Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  };
  const MorphOptions options = pairOptions(settings, source, target, warn);
  const auto [src, dst] = loadPair(source, target, settings, progress, warn);
  auto start = Clock::now();
  const auto solver = solveMorph(src.mesh, dst.mesh, options, progress.sub(0.0, 0.5));
  FrameCost cost;
  cost.setupSeconds = ms(start) / 1000.0;
  cost.oneTopology = solver->oneTopology();
  cost.notes = solver->notes();
  const std::vector<MorphFrame>& frames = solver->frames();
  std::vector<double> shape, preview, baked;
  for (std::size_t i = 1; i + 1 < frames.size(); ++i) {
    progress.report(0.5 + 0.5 * i / frames.size(), "frame " + std::to_string(i));
    if (cost.oneTopology) {
      start = Clock::now();
      (void)solver->shapeAt(frames[i].s);
      shape.push_back(ms(start));
    }
    start = Clock::now();
    const TexturedMesh m = solver->meshAt(frames[i].s, false, progress);
    preview.push_back(ms(start));
    if (i == frames.size() / 2) cost.triangles = m.triangleCount();
    if (i % 4 == 1) {  // a few: baking costs seconds
      start = Clock::now();
      (void)solver->meshAt(frames[i].s, true, progress);
      baked.push_back(ms(start));
    }
  }
  auto median = [](std::vector<double> v) {
    if (v.empty()) return 0.0;
    std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
    return v[v.size() / 2];
  };
  auto most = [](const std::vector<double>& v) {
    return v.empty() ? 0.0 : *std::max_element(v.begin(), v.end());
  };
  cost.shapeMedian = median(shape);
  cost.shapeMax = most(shape);
  cost.previewMedian = median(preview);
  cost.previewMax = most(preview);
  cost.bakedMedian = median(baked);
  cost.bakedMax = most(baked);
  progress.report(1.0, "done");
  return cost;
}

MorphRun morphFiles(const MorphSettings& settings, const std::filesystem::path& source,
                    const std::filesystem::path& target, const std::filesystem::path& outDir,
                    const Progress& progress, const WarningSink& warn) {
  formatFromExtension("x." + settings.format);
  checkOutputFolder(outDir, {source, target});
  const MorphOptions options = pairOptions(settings, source, target, warn);
  const auto [src, dst] = loadPair(source, target, settings, progress, warn);
  const auto solver = solveMorph(src.mesh, dst.mesh, options, progress.sub(0.0, 0.4));
  if (warn)
    for (const std::string& note : solver->notes()) warn(note);
  SequenceInfo info;
  info.source = source.string();
  info.target = target.string();
  info.format = settings.format;
  MorphRun run;
  run.frames = writeSequence(*solver, outDir, info, progress.sub(0.4, 1.0));
  run.timings = solver->timings();
  return run;
}

}  // namespace interp3d
