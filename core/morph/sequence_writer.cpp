#include "morph/sequence_writer.h"

#include <chrono>
#include <cstdio>
#include <regex>

#include <nlohmann/json.hpp>

#include "io/mesh_export.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace fs = std::filesystem;

namespace interp3d {

bool isFrameFile(const std::string& name) {
  static const std::regex pattern(R"(frame_\d{4}(\.(glb|obj|mtl|ply)|_mat\d+\.png))");
  return std::regex_match(name, pattern);
}

std::string manifestJson(const SequenceInfo& info, const std::vector<WrittenFrame>& frames,
                         const std::map<std::string, double>& timings, const RunStatus& status) {
  nlohmann::ordered_json j;
  j["generator"] = "Interp3D Studio";
  j["source"] = info.source;
  j["target"] = info.target;
  j["schedule"] = info.schedule;
  j["resolution"] = info.resolution;
  j["seed"] = info.seed;
  j["prior"] = info.prior;
  j["status"] = status.state;
  j["complete"] = status.state == "complete";
  if (!status.writing.empty()) j["writing"] = status.writing;
  if (!status.error.empty()) j["error"] = status.error;
  j["frames"] = nlohmann::ordered_json::array();
  for (const WrittenFrame& f : frames) {
    nlohmann::ordered_json frame = {{"frame", f.frame.index},
                                    {"t", f.frame.t},
                                    {"alpha", f.frame.s},
                                    {"file", f.file},
                                    {"seconds", f.seconds}};
    if (!f.geometry.empty()) frame["geometry"] = f.geometry;
    j["frames"].push_back(frame);
  }
  j["timings"] = nlohmann::ordered_json::object();
  for (const auto& [stage, seconds] : timings) j["timings"][stage] = seconds;
  return j.dump(2) + "\n";
}

namespace {
// The manifest of a run as it goes, rewritten atomically at every change.
class ManifestWriter {
 public:
  ManifestWriter(fs::path dir, SequenceInfo info, const MorphSolver* solver)
      : dir_(std::move(dir)), info_(std::move(info)), solver_(solver) {}
  void write(const std::vector<WrittenFrame>& frames, const RunStatus& status) const {
    const std::map<std::string, double> timings =
        solver_ ? solver_->timings() : std::map<std::string, double>{};
    writeFileAtomically(dir_ / "manifest.json", manifestJson(info_, frames, timings, status));
  }

 private:
  fs::path dir_;
  SequenceInfo info_;
  const MorphSolver* solver_;
};

// Before a run writes anything else: its own "running" manifest, then the frames of any earlier
// run out of the way, so that no manifest ever describes another run's frames.
void startRun(const fs::path& dir, const ManifestWriter& manifest) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (!fs::is_directory(dir)) throw IoError("cannot create output folder " + dir.string());
  manifest.write({}, {"running", "", ""});
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (isFrameFile(entry.path().filename().string())) fs::remove(entry.path(), ec);
  }
}
}  // namespace

std::vector<WrittenFrame> writeSequence(const MorphSolver& solver, const fs::path& dir,
                                        const SequenceInfo& names, const Progress& progress,
                                        int first, int last) {
  SequenceInfo info = names;
  const MorphOptions& options = solver.options();
  info.schedule = scheduleName(options.timing.schedule);
  info.resolution = options.fields.resolution;
  info.seed = options.seed;
  info.prior = options.learned.summary;
  const ManifestWriter manifest(dir, info, &solver);
  startRun(dir, manifest);
  const std::vector<MorphFrame>& frames = solver.frames();
  if (last < 0 || last >= static_cast<int>(frames.size()))
    last = static_cast<int>(frames.size()) - 1;
  first = std::max(0, first);
  std::vector<WrittenFrame> written;
  const int count = last - first + 1;
  try {
    for (int i = first; i <= last; ++i) {
      progress.check();
      const double done = static_cast<double>(i - first) / std::max(count, 1);
      progress.report(done, "frame " + std::to_string(i));
      const auto start = std::chrono::steady_clock::now();
      char name[64];
      std::snprintf(name, sizeof(name), "frame_%04d.%s", i, info.format.c_str());
      FrameInfo made;
      const TexturedMesh mesh = solver.meshAt(frames[i].s, info.format != "ply", progress, &made);
      manifest.write(written, {"running", name, ""});
      saveMesh(mesh, dir / name);
      written.push_back(
          {frames[i], name,
           std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
           made.name()});
      manifest.write(written, {"running", "", ""});
    }
  } catch (const Cancelled&) {
    manifest.write(written, {"cancelled", "", ""});
    throw;
  } catch (const std::exception& e) {
    manifest.write(written, {"failed", "", e.what()});
    throw;
  }
  manifest.write(written, {"complete", "", ""});
  progress.report(1.0, "done");
  return written;
}

void writeMeshSequence(const std::vector<TexturedMesh>& meshes, const fs::path& dir,
                       const SequenceInfo& info, const std::map<std::string, double>& timings) {
  const ManifestWriter running(dir, info, nullptr);
  startRun(dir, running);
  std::vector<WrittenFrame> written;
  const int n = static_cast<int>(meshes.size());
  for (int f = 0; f < n; ++f) {
    char name[64];
    std::snprintf(name, sizeof(name), "frame_%04d.%s", f, info.format.c_str());
    saveMesh(meshes[f], dir / name);
    MorphFrame mf;
    mf.index = f;
    mf.t = mf.s = n > 1 ? static_cast<double>(f) / (n - 1) : 0.0;
    written.push_back({mf, name, 0.0, ""});
  }
  writeFileAtomically(dir / "manifest.json", manifestJson(info, written, timings, RunStatus{}));
}

}  // namespace interp3d
