#include "morph/schedule.h"

#include <cmath>

#include "util/error.h"

namespace interp3d {

Schedule parseSchedule(const std::string& name) {
  if (name == "linear") return Schedule::Linear;
  if (name == "ease") return Schedule::Ease;
  if (name == "beta") return Schedule::Beta;
  if (name == "constant-speed") return Schedule::ConstantSpeed;
  throw UsageError("unknown schedule '" + name + "'; use linear, ease, beta or constant-speed");
}

std::string scheduleName(Schedule s) {
  switch (s) {
    case Schedule::Linear:
      return "linear";
    case Schedule::Ease:
      return "ease";
    case Schedule::Beta:
      return "beta";
    case Schedule::ConstantSpeed:
      return "constant-speed";
  }
  return "linear";
}

double scheduleValue(Schedule schedule, double t) {
  t = std::fmin(1.0, std::fmax(0.0, t));
  switch (schedule) {
    case Schedule::Ease:
      return t * t * (3.0 - 2.0 * t);
    case Schedule::Beta: {
      // Regularised incomplete beta I_t(6, 6) = sum_{j=6}^{11} C(11, j) t^j (1-t)^(11-j).
      double sum = 0.0, binom = 462.0;  // C(11, 6)
      for (int j = 6; j <= 11; ++j) {
        sum += binom * std::pow(t, j) * std::pow(1.0 - t, 11 - j);
        binom = binom * (11 - j) / (j + 1);
      }
      return sum;
    }
    case Schedule::Linear:
    case Schedule::ConstantSpeed:
      return t;
  }
  return t;
}

}  // namespace interp3d
