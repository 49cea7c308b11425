#include "morph/schedule.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <memory>

#include "geometry/surface_query.h"
#include "geometry/surface_sampling.h"

#include "util/error.h"
#include "util/parallel.h"

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

double timingCurve(double t, double easeIn, double easeOut) {
  if (t <= 0.0) return 0.0;
  if (t >= 1.0) return 1.0;
  if (easeIn <= 0.0 && easeOut <= 0.0) return t;  // exactly the frame time
  const double x1 = std::clamp(easeIn, 0.0, 1.0), x2 = 1.0 - std::clamp(easeOut, 0.0, 1.0);
  auto bezier = [](double u, double a, double b) {
    const double v = 1.0 - u;
    return 3.0 * v * v * u * a + 3.0 * v * u * u * b + u * u * u;
  };
  // x(u) rises monotonically (handles inside [0, 1]): its u for t by bisection.
  double lo = 0.0, hi = 1.0;
  for (int i = 0; i < 60; ++i) {
    const double mid = 0.5 * (lo + hi);
    (bezier(mid, x1, x2) < t ? lo : hi) = mid;
  }
  return bezier(0.5 * (lo + hi), 0.0, 1.0);
}

std::vector<MorphFrame> scheduleFrames(int n, const ScheduleOptions& options,
                                       const GeometryAt& geometryAt, std::uint32_t seed,
                                       int threads, const Progress& progress) {
  std::vector<MorphFrame> frames(n);
  for (int i = 0; i < n; ++i) {
    frames[i].index = i;
    frames[i].t = static_cast<double>(i) / (n - 1);
    frames[i].s =
        scheduleValue(options.schedule, timingCurve(frames[i].t, options.easeIn, options.easeOut));
  }
  if (options.schedule != Schedule::ConstantSpeed || n <= 2) return frames;
  // Arc length along s from symmetric mean distances between meshes at candidate values.
  const int candidates = std::max(3, options.candidates);
  std::vector<double> s(candidates), length(candidates, 0.0);
  for (int c = 0; c < candidates; ++c) s[c] = static_cast<double>(c) / (candidates - 1);
  // The candidates' meshes, `threads` at a time on one thread each: making one is a chain of
  // steps that keeps two threads half busy.
  std::vector<TexturedMesh> meshes(candidates);  // their surfaces only (no textures to keep)
  std::atomic<int> made{0};
  parallelEach(meshes.size(), threads, [&](std::size_t c) {
    progress.check();
    TexturedMesh mesh = geometryAt(s[c], 1);
    meshes[c].positions = std::move(mesh.positions);
    meshes[c].triangles = std::move(mesh.triangles);
    progress.report(0.5 * ++made / candidates, "schedule");
  });
  std::vector<glm::vec3> previous;
  std::unique_ptr<SurfaceQuery> previousQuery;
  double size = 0.0;
  for (int c = 0; c < candidates; ++c) {
    progress.check();
    progress.report(0.5 + 0.5 * c / candidates, "schedule");
    const TexturedMesh mesh = std::move(meshes[c]);
    if (c == 0) size = boundingBox(mesh.positions).diagonal();
    if (mesh.triangles.empty() && c > 0 && c + 1 < candidates) {
      // Thinner than the coarse lattice resolves: no measurement, the step is carried over.
      length[c] = length[c - 1];
      continue;
    }
    std::vector<glm::vec3> points;
    for (const SurfaceSample& p : sampleSurface(mesh, options.samples, seed + c))
      points.push_back(p.point.position);
    auto query = std::make_unique<SurfaceQuery>(mesh, threads);
    if (c > 0) {
      double sum = 0.0;
      for (float d : query->distance(previous)) sum += d;
      for (float d : previousQuery->distance(points)) sum += d;
      length[c] = length[c - 1] + sum / (previous.size() + points.size());
    }
    previous = std::move(points);
    previousQuery = std::move(query);
  }
  const double total = length.back();
  if (total > options.stillFraction * size) {
    for (int i = 1; i + 1 < n; ++i) {
      const double goal = total * timingCurve(frames[i].t, options.easeIn, options.easeOut);
      const int c =
          static_cast<int>(std::upper_bound(length.begin(), length.end(), goal) - length.begin());
      const int hi = std::clamp(c, 1, candidates - 1), lo = hi - 1;
      const double span = length[hi] - length[lo];
      const double f = span > 0.0 ? (goal - length[lo]) / span : 0.0;
      frames[i].s = s[lo] + f * (s[hi] - s[lo]);
    }
  }
  return frames;
}

}  // namespace interp3d
