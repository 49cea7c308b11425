#include "bench/vs_openvdb.h"

#include <chrono>

#include "io/mesh_import.h"
#include "morph/morph_solver.h"
#include "morph/sequence_writer.h"

namespace interp3d {

namespace {
using Clock = std::chrono::steady_clock;
double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}
}  // namespace

VsOpenVdbReport benchVsOpenVdb(const std::filesystem::path& src, const std::filesystem::path& dst,
                               const MorphOptions& options, const std::filesystem::path& out) {
  const LoadedMesh source = loadMesh(src), target = loadMesh(dst);
  SequenceInfo names;
  names.source = src.string();
  names.target = dst.string();
  VsOpenVdbReport r;
  auto start = Clock::now();
  {
    const MorphSolver solver(source.mesh, target.mesh, options);
    writeSequence(solver, out / "ours", names);
  }
  r.oursSeconds = secondsSince(start);
  start = Clock::now();
  const OpenVdbMorphResult vdb =
      openVdbMorph(source.mesh, target.mesh, {options.frames, options.fields.resolution});
  SequenceInfo info = names;
  info.schedule = "pseudo-time";
  info.resolution = options.fields.resolution;
  writeMeshSequence(vdb.frames, out / "openvdb", info, {{"openvdb", vdb.seconds}});
  r.openVdbSeconds = secondsSince(start);
  r.pseudoTime = vdb.pseudoTime;
  r.iterations = vdb.iterations;
  r.openVdbMorphSeconds = vdb.seconds;
  r.ours = summaryMetrics(evaluateSequence(out / "ours", src, dst));
  r.openVdb = summaryMetrics(evaluateSequence(out / "openvdb", src, dst));
  return r;
}

}  // namespace interp3d
