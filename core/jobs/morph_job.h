// The jobs the command line and the GUI both run, as in Mayo: load, solve, preview frames, write
// frames. A job takes a Progress (whose cancel flag it checks in every loop) and its caller gets a
// typed result: done, cancelled or failed with a message. The CLI runs jobs in place; the GUI runs
// them on a worker thread that gets copies of what it needs, never widgets.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "jobs/option_table.h"
#include "morph/morph_solver.h"
#include "morph/sequence_writer.h"
#include "util/progress.h"

namespace interp3d {

enum class JobStatus { Done, Cancelled, Failed };

struct JobResult {
  JobStatus status = JobStatus::Done;
  std::string message;  // what failed (Failed); empty otherwise
  bool done() const { return status == JobStatus::Done; }
};

// Runs `work`: Cancelled becomes JobStatus::Cancelled, any other exception JobStatus::Failed with
// its message. Never throws.
JobResult runJob(const std::function<void()>& work);

// Warnings a job reports as it goes (a missing texture, the shipped prior not found).
using WarningSink = std::function<void(const std::string&)>;

// The engine's options for `settings`: the learned prior resolved into its parts (settings.prior
// "auto" is the shipped weights when present, none with a warning otherwise) and the landmarks
// read from their file. Throws IoError or UsageError naming what is wrong.
MorphOptions resolveMorphOptions(const MorphSettings& settings, const WarningSink& warn = {});

// Stages 0-2 and the schedule of a morph of two loaded meshes. Throws Cancelled or Error.
std::shared_ptr<const MorphSolver> solveMorph(const TexturedMesh& source,
                                              const TexturedMesh& target,
                                              const MorphOptions& options,
                                              const Progress& progress);

// Where each point of the file `points` (source units; loadPoints) lands on the target (target
// units) under the correspondence a morph of the two files with `settings` follows: the pairs,
// which landmarksJson() turns into a landmark file a morph accepts back. Throws IoError naming
// the file and the point (also for a point far from the source mesh), Cancelled or Error.
std::vector<Landmark> correspondFiles(const MorphSettings& settings,
                                      const std::filesystem::path& source,
                                      const std::filesystem::path& target,
                                      const std::filesystem::path& points, const Progress& progress,
                                      const WarningSink& warn = {});

// What a frame of a morph costs once the solver exists (`bench frames`): per scheduled
// in-between, the shape alone (one topology: what shape keys and live scrubbing read), the preview
// frame (vertex colours, what the GUI shows while scrubbing) and, for a few, the frame with its
// texture baked (what is written). Milliseconds.
struct FrameCost {
  bool oneTopology = false;
  double setupSeconds = 0.0;                 // loading not included
  std::size_t triangles = 0;                 // of the middle frame
  double shapeMedian = 0.0, shapeMax = 0.0;  // one topology only
  double previewMedian = 0.0, previewMax = 0.0;
  double bakedMedian = 0.0, bakedMax = 0.0;
  std::vector<std::string> notes;  // the solver's
};
FrameCost frameCostFiles(const MorphSettings& settings, const std::filesystem::path& source,
                         const std::filesystem::path& target, const Progress& progress,
                         const WarningSink& warn = {});

// Order in which previews are computed: 0, n-1, the middle, then the middles of every gap.
std::vector<int> coarseToFineOrder(int frames);

// The vertex-coloured preview of every frame of `solver`, coarse to fine, each handed to
// `deliver` on the calling thread as soon as it exists. Throws Cancelled.
void previewFrames(const MorphSolver& solver,
                   const std::function<void(int index, TexturedMesh frame)>& deliver,
                   const Progress& progress);

// Frame `index` of `solver` with a baked texture, written atomically to `path` (its extension
// picks the format). Throws Cancelled, UsageError or IoError.
void exportFrame(const MorphSolver& solver, int index, const std::filesystem::path& path,
                 const Progress& progress);

// Throws IoError when `dir` cannot become a folder of frames (a file is in the way, no write
// permission, one of `inputs` would be replaced), before any work.
void checkOutputFolder(const std::filesystem::path& dir,
                       const std::vector<std::filesystem::path>& inputs = {});

// What `interp3d-cli morph` does: load both files, resolve the options, solve, write every frame
// and the manifest into `outDir`.
struct MorphRun {
  std::vector<WrittenFrame> frames;
  std::map<std::string, double> timings;  // seconds per stage
};
MorphRun morphFiles(const MorphSettings& settings, const std::filesystem::path& source,
                    const std::filesystem::path& target, const std::filesystem::path& outDir,
                    const Progress& progress, const WarningSink& warn = {});

}  // namespace interp3d
