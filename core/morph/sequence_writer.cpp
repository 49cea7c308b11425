#include "morph/sequence_writer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <future>
#include <memory>
#include <optional>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "io/mesh_export.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace fs = std::filesystem;

namespace interp3d {

bool isFrameFile(const std::string& name) {
  static const std::regex pattern(R"(frame_\d{4}(\.(glb|obj|mtl|ply)|_mat\d+\.png)|sequence\.glb)");
  return std::regex_match(name, pattern);
}

void refuseInputsInTheWay(const fs::path& dir, const std::vector<fs::path>& inputs) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return;
  for (const fs::path& input : inputs) {
    if (input.empty() || !fs::exists(input, ec)) continue;
    // Where the file really is (a link in another folder or under another name counts as it).
    const fs::path real = fs::canonical(input, ec);
    if (ec) continue;
    const std::string name = real.filename().string();
    if ((isFrameFile(name) || name == "manifest.json") &&
        fs::equivalent(real.parent_path(), dir, ec))
      throw IoError(dir.string() + ": holds the input " + input.string() +
                    ", which the frames written here would replace; choose another output folder");
  }
}

std::vector<fs::path> earlierRunFiles(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return {};
  // The earlier run's frames are the files its manifest names (an OBJ with its MTL and PNGs).
  std::set<std::string> listed;
  const fs::path manifestPath = dir / "manifest.json";
  if (fs::exists(manifestPath, ec)) {
    nlohmann::json m;
    try {
      m = nlohmann::json::parse(readFile(manifestPath, std::uintmax_t(64) << 20, "a manifest"));
    } catch (const std::exception&) {
    }
    if (!m.is_object() || m.value("generator", "") != "Interp3D Studio")
      throw IoError(manifestPath.string() +
                    ": a manifest Interp3D Studio did not write; choose another output folder");
    std::vector<std::string> names;
    if (m.contains("frames") && m["frames"].is_array())
      for (const auto& f : m["frames"])
        if (f.is_object() && f.contains("file") && f["file"].is_string())
          names.push_back(f["file"].get<std::string>());
    for (const char* key : {"writing", "shape_keys"})
      if (m.contains(key) && m[key].is_string()) names.push_back(m[key].get<std::string>());
    for (const std::string& name : names) {
      if (!isFrameFile(name)) continue;  // never a path outside the folder
      const std::string stem = fs::path(name).stem().string();
      listed.insert(name);
      listed.insert(stem + ".mtl");
      for (const auto& e : fs::directory_iterator(dir, ec)) {
        const std::string other = e.path().filename().string();
        if (other.rfind(stem + "_mat", 0) == 0 && isFrameFile(other)) listed.insert(other);
      }
    }
  }
  // Frame files nobody listed are someone's own: never overwritten or removed.
  std::vector<fs::path> out;
  std::vector<std::string> foreign;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (!isFrameFile(name)) continue;
    if (listed.count(name))
      out.push_back(e.path());
    else
      foreign.push_back(name);
  }
  if (!foreign.empty()) {
    std::sort(foreign.begin(), foreign.end());
    throw IoError(dir.string() + ": holds " + std::to_string(foreign.size()) +
                  " frame file(s) no Interp3D Studio manifest lists (" + foreign.front() +
                  (foreign.size() > 1 ? ", ..." : "") +
                  "); choose another output folder or move them away");
  }
  return out;
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
  if (!status.shapeKeys.empty()) j["shape_keys"] = status.shapeKeys;
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

constexpr const char* kShapeKeysFile = "sequence.glb";

// The first frame's mesh with every later frame as a shape key (same vertices, one topology).
void writeShapeKeys(const MorphSolver& solver, const fs::path& file, const Progress& progress) {
  const std::vector<MorphFrame>& frames = solver.frames();
  TexturedMesh base = solver.meshAt(frames.front().s, true, progress);
  ShapeKeys keys;
  for (std::size_t k = 1; k < frames.size(); ++k) {
    progress.check();
    keys.positions.push_back(solver.shapeAt(frames[k].s));
    char name[32];
    std::snprintf(name, sizeof(name), "frame_%04d", frames[k].index);
    keys.names.emplace_back(name);
  }
  saveGlb(base, file, &keys);
}

// Before a run writes anything else: its own "running" manifest, then the frames of the earlier
// run out of the way, so that no manifest ever describes another run's frames.
void startRun(const fs::path& dir, const ManifestWriter& manifest, const SequenceInfo& info) {
  refuseInputsInTheWay(dir, {info.source, info.target});
  const std::vector<fs::path> earlier = earlierRunFiles(dir);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (!fs::is_directory(dir)) throw IoError("cannot create output folder " + dir.string());
  manifest.write({}, {"running", "", "", ""});
  for (const fs::path& f : earlier) fs::remove(f, ec);
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
  startRun(dir, manifest, info);
  const std::vector<MorphFrame>& frames = solver.frames();
  if (last < 0 || last >= static_cast<int>(frames.size()))
    last = static_cast<int>(frames.size()) - 1;
  first = std::max(0, first);
  std::vector<WrittenFrame> written;
  std::string shapeKeys;  // the file written, if any
  const int count = last - first + 1;
  // A frame is saved (encoded and written: a second or so for a textured frame) while the next
  // one is made; it is listed once its file is complete.
  struct Saving {
    std::future<void> done;
    WrittenFrame frame;
    std::chrono::steady_clock::time_point start;
  };
  std::optional<Saving> saving;
  auto finishSaving = [&] {
    if (!saving) return;
    Saving s = std::move(*saving);
    saving.reset();
    s.done.get();  // the save's error, if any
    s.frame.seconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - s.start).count();
    written.push_back(std::move(s.frame));
    manifest.write(written, {"running", "", "", ""});
  };
  try {
    for (int i = first; i <= last; ++i) {
      progress.check();
      const double done = static_cast<double>(i - first) / std::max(count, 1);
      progress.report(done, "frame " + std::to_string(i));
      const auto start = std::chrono::steady_clock::now();
      char name[64];
      std::snprintf(name, sizeof(name), "frame_%04d.%s", i, info.format.c_str());
      FrameInfo made;
      auto mesh = std::make_shared<const TexturedMesh>(
          solver.meshAt(frames[i].s, info.format != "ply", progress, &made));
      const double making =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      finishSaving();
      manifest.write(written, {"running", name, "", ""});
      const fs::path file = dir / name;
      saving = Saving{std::async(std::launch::async, [mesh, file] { saveMesh(*mesh, file); }),
                      {frames[i], name, making, made.name()},
                      std::chrono::steady_clock::now()};
    }
    finishSaving();
    // One topology: the whole sequence as one mesh with a shape key per frame.
    if (solver.oneTopology() && first == 0 && last + 1 == static_cast<int>(frames.size()) &&
        info.format == "glb") {
      progress.check();
      manifest.write(written, {"running", kShapeKeysFile, "", ""});
      writeShapeKeys(solver, dir / kShapeKeysFile, progress);
      shapeKeys = kShapeKeysFile;
    }
  } catch (const Cancelled&) {
    try {
      finishSaving();  // a frame being saved is finished and listed
    } catch (...) {
    }
    manifest.write(written, {"cancelled", "", "", ""});
    throw;
  } catch (const std::exception& e) {
    try {
      finishSaving();
    } catch (...) {  // this failure is the one being reported, or came after it
    }
    manifest.write(written, {"failed", "", e.what(), ""});
    throw;
  }
  manifest.write(written, {"complete", "", "", shapeKeys});
  progress.report(1.0, "done");
  return written;
}

void writeMeshSequence(const std::vector<TexturedMesh>& meshes, const fs::path& dir,
                       const SequenceInfo& info, const std::map<std::string, double>& timings) {
  const ManifestWriter running(dir, info, nullptr);
  startRun(dir, running, info);
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
