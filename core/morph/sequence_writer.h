// Stage 6 of the pipeline (DESIGN.md): writing a morph sequence: one mesh file per frame
// (frame_0000.glb, ...), for a one-topology morph in GLB also sequence.glb (the first frame with
// every later one as a shape key, io/mesh_export.h), and manifest.json with each frame's t, s
// (alpha), file and timings. Every file is written atomically, and the manifest never lies about
// the folder: it is rewritten as "running" (with no frames) before anything else, the frames of an
// earlier run are removed, it names the frame being written, lists each frame once it is complete,
// and ends as "complete", "cancelled" or "failed" with the error. A reader trusts `frames`,
// whatever happened.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "morph/morph_solver.h"

namespace interp3d {

struct SequenceInfo {
  std::string source, target;  // input file names, for the manifest
  std::string format = "glb";  // glb, obj or ply
  // How the sequence was made. writeSequence takes these from the solver's options.
  std::string schedule;
  int resolution = 0;
  std::uint32_t seed = 0;
  std::string prior = "off";  // the learned prior's file and parts, or "off"
};

struct WrittenFrame {
  MorphFrame frame;
  std::string file;
  double seconds = 0.0;
  std::string geometry;  // how the frame was made (FrameInfo::name), empty when not known
};

// How a run stands, as the manifest says it.
struct RunStatus {
  std::string state = "complete";  // running, complete, cancelled or failed
  std::string writing;             // the frame file being written while running, or empty
  std::string error;               // what failed
  std::string shapeKeys;           // one topology: the file with every frame as a shape key
};

// The manifest text for `frames` (also used for sequences made by other methods, for evaluate).
std::string manifestJson(const SequenceInfo& info, const std::vector<WrittenFrame>& frames,
                         const std::map<std::string, double>& timings, const RunStatus& status);

// Whether `name` is one of the files a sequence writes for its frames (frame_0012.glb, .obj, .mtl,
// .ply, frame_0012_mat0.png, and sequence.glb with every frame as a shape key).
bool isFrameFile(const std::string& name);

// Throws IoError when one of `inputs` (the files being morphed) lies in `dir` under a name a run
// writes or removes there (frame_0004.obj, manifest.json): a morph of an exported frame written
// back into its own folder would replace or delete its input.
void refuseInputsInTheWay(const std::filesystem::path& dir,
                          const std::vector<std::filesystem::path>& inputs);

// The files of the earlier run in `dir` that a new run replaces: those its manifest.json lists
// (an OBJ frame with its MTL and PNGs). Throws IoError, before any work, when `dir` holds a
// manifest Interp3D Studio did not write, or frame-named files no manifest of ours lists: a run
// never overwrites or removes files it did not make.
std::vector<std::filesystem::path> earlierRunFiles(const std::filesystem::path& dir);

// Writes the frames [first, last] of `solver` (all by default) into `dir` (created if missing)
// and the manifest (names and format from `info`, the rest from the solver's options). Throws
// Cancelled, or the error that stopped it, after the manifest says so.
std::vector<WrittenFrame> writeSequence(const MorphSolver& solver, const std::filesystem::path& dir,
                                        const SequenceInfo& info, const Progress& progress = {},
                                        int first = 0, int last = -1);

// Writes meshes made by another method as a sequence `dir` can be evaluated as: frame_0000.glb,
// ... with t = s = f / (n - 1), and the manifest.
void writeMeshSequence(const std::vector<TexturedMesh>& meshes, const std::filesystem::path& dir,
                       const SequenceInfo& info, const std::map<std::string, double>& timings);

}  // namespace interp3d
