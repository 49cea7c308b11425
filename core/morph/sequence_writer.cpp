#include "morph/sequence_writer.h"

#include <chrono>
#include <cstdio>
#include <sstream>

#include "util/atomic_file.h"
#include "util/error.h"

namespace fs = std::filesystem;

namespace interp3d {

std::string manifestJson(const SequenceInfo& info, const std::vector<WrittenFrame>& frames,
                         const std::map<std::string, double>& timings, bool complete) {
  std::ostringstream os;
  os.precision(9);
  os << "{\n  \"generator\": \"Interp3D Studio\",\n  \"source\": \"" << jsonEscape(info.source)
     << "\",\n  \"target\": \"" << jsonEscape(info.target) << "\",\n  \"schedule\": \""
     << info.schedule << "\",\n  \"resolution\": " << info.resolution
     << ",\n  \"seed\": " << info.seed << ",\n  \"prior\": \"" << jsonEscape(info.prior)
     << "\",\n  \"complete\": " << (complete ? "true" : "false") << ",\n  \"frames\": [\n";
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const WrittenFrame& f = frames[i];
    os << "    {\"frame\": " << f.frame.index << ", \"t\": " << f.frame.t
       << ", \"alpha\": " << f.frame.s << ", \"file\": \"" << jsonEscape(f.file)
       << "\", \"seconds\": " << f.seconds << "}" << (i + 1 < frames.size() ? "," : "") << "\n";
  }
  os << "  ],\n  \"timings\": {";
  bool firstKey = true;
  for (const auto& [stage, seconds] : timings) {
    os << (firstKey ? "" : ", ") << "\"" << stage << "\": " << seconds;
    firstKey = false;
  }
  os << "}\n}\n";
  return os.str();
}

std::vector<WrittenFrame> writeSequence(MorphSolver& solver, const fs::path& dir,
                                        const SequenceInfo& names, const Progress& progress,
                                        int first, int last) {
  SequenceInfo info = names;
  const MorphOptions& options = solver.options();
  info.schedule = scheduleName(options.schedule);
  info.resolution = options.resolution;
  info.seed = options.seed;
  info.prior = priorSummary(options);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (!fs::is_directory(dir)) throw IoError("cannot create output folder " + dir.string());
  const std::vector<MorphFrame>& frames = solver.frames(progress.sub(0.0, 0.2));
  if (last < 0 || last >= static_cast<int>(frames.size()))
    last = static_cast<int>(frames.size()) - 1;
  first = std::max(0, first);
  std::vector<WrittenFrame> written;
  const int count = last - first + 1;
  try {
    for (int i = first; i <= last; ++i) {
      progress.check();
      const double done = static_cast<double>(i - first) / std::max(count, 1);
      progress.sub(0.2, 1.0).report(done, "frame " + std::to_string(i));
      const auto start = std::chrono::steady_clock::now();
      char name[64];
      std::snprintf(name, sizeof(name), "frame_%04d.%s", i, info.format.c_str());
      const TexturedMesh mesh = solver.meshAt(frames[i].s, info.format != "ply");
      saveMesh(mesh, dir / name);
      written.push_back(
          {frames[i], name,
           std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()});
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

}  // namespace interp3d
