#include "morph/sequence_writer.h"

#include <chrono>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "io/mesh_export.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace fs = std::filesystem;

namespace interp3d {

std::string manifestJson(const SequenceInfo& info, const std::vector<WrittenFrame>& frames,
                         const std::map<std::string, double>& timings, bool complete) {
  nlohmann::ordered_json j;
  j["generator"] = "Interp3D Studio";
  j["source"] = info.source;
  j["target"] = info.target;
  j["schedule"] = info.schedule;
  j["resolution"] = info.resolution;
  j["seed"] = info.seed;
  j["prior"] = info.prior;
  j["complete"] = complete;
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

std::vector<WrittenFrame> writeSequence(const MorphSolver& solver, const fs::path& dir,
                                        const SequenceInfo& names, const Progress& progress,
                                        int first, int last) {
  SequenceInfo info = names;
  const MorphOptions& options = solver.options();
  info.schedule = scheduleName(options.timing.schedule);
  info.resolution = options.fields.resolution;
  info.seed = options.seed;
  info.prior = options.learned.summary;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (!fs::is_directory(dir)) throw IoError("cannot create output folder " + dir.string());
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
      saveMesh(mesh, dir / name);
      written.push_back(
          {frames[i], name,
           std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
           made.name()});
    }
  } catch (const Cancelled&) {
    writeFileAtomically(dir / "manifest.json",
                        manifestJson(info, written, solver.timings(), false));
    throw;
  }
  writeFileAtomically(dir / "manifest.json", manifestJson(info, written, solver.timings(), true));
  progress.report(1.0, "done");
  return written;
}

void writeMeshSequence(const std::vector<TexturedMesh>& meshes, const fs::path& dir,
                       const SequenceInfo& info, const std::map<std::string, double>& timings) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (!fs::is_directory(dir)) throw IoError("cannot create output folder " + dir.string());
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
  writeFileAtomically(dir / "manifest.json", manifestJson(info, written, timings, true));
}

}  // namespace interp3d
