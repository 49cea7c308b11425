// Timing of a morph: how the morph parameter s (0 = source, 1 = target) advances with the frame
// time t = frame / (frames - 1).
#pragma once

#include <string>

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

// s for time t under a closed-form schedule (ConstantSpeed falls back to Linear).
double scheduleValue(Schedule schedule, double t);

}  // namespace interp3d
