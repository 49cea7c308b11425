// Stage 5 of the pipeline (DESIGN.md): timing. How the morph parameter s (0 = source, 1 = target)
// advances with the frame time t = frame / (frames - 1): closed-form schedules, or constant speed,
// where s is re-timed so that consecutive frames differ by equal geometric distance.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "mesh/textured_mesh.h"
#include "util/progress.h"

namespace interp3d {

enum class Schedule {
  Linear,         // s = t
  Ease,           // s = 3t^2 - 2t^3 (ease in and out)
  Beta,           // s = CDF of Beta(6,6) at t: slow near the ends, fast in the middle
  ConstantSpeed,  // s chosen so consecutive frames differ by equal geometric distance
};

// Parses "linear", "ease", "beta", "constant-speed". Throws UsageError otherwise.
Schedule parseSchedule(const std::string& name);
std::string scheduleName(Schedule schedule);

// s for time t under a closed-form schedule (ConstantSpeed is measured by scheduleFrames; here it
// is the identity).
double scheduleValue(Schedule schedule, double t);

// The timing curve an artist drags: the frame time t in [0, 1] eased in and out before the
// schedule reads it, a cubic Bezier from (0, 0) to (1, 1) with handles (easeIn, 0) and
// (1 - easeOut, 1) (CSS's cubic-bezier(easeIn, 0, 1 - easeOut, 1)). 0 and 0 is t itself; larger
// values start or end the morph more gently. Monotone, exact at both ends.
double timingCurve(double t, double easeIn, double easeOut);

struct ScheduleOptions {
  Schedule schedule = Schedule::ConstantSpeed;  // how s advances with t
  double easeIn = 0.0, easeOut = 0.0;           // the timing curve (timingCurve) applied first
  int candidates = 33;  // constant speed: values of s measured, evenly spaced (the same for any
                        // frame count, so s(t) does not depend on it)
  std::size_t samples = 3000;    // constant speed: surface samples per measured mesh
  double stillFraction = 0.005;  // constant speed: a morph whose shape changes by less than this
                                 // fraction of its size in all (a mesh into itself) advances
                                 // linearly, not by measured noise
};

struct MorphFrame {
  int index = 0;
  double t = 0.0;  // frame time, index / (frames - 1)
  double s = 0.0;  // morph parameter after the schedule (0 = source, 1 = target)
};

// The surface at morph parameter s (any common coordinates), for measuring distances, made on
// `threads` threads. Called from several threads at once.
using GeometryAt = std::function<TexturedMesh(double s, int threads)>;

// The `frames` frames of a sequence with their s. For ConstantSpeed the arc length along s is
// measured from symmetric mean surface distances between meshes at options.candidates evenly
// spaced values of s, given by `geometryAt`, and inverted (linearly between candidates).
std::vector<MorphFrame> scheduleFrames(int frames, const ScheduleOptions& options,
                                       const GeometryAt& geometryAt, std::uint32_t seed,
                                       int threads, const Progress& progress = {});

}  // namespace interp3d
