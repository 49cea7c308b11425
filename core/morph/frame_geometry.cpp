#include "morph/frame_geometry.h"

#include <atomic>

#include "lattice/adaptive_mesh.h"
#include "lattice/marching_tetrahedra.h"
#include "lattice/morphology.h"
#include "lattice/redistance.h"
#include "util/parallel.h"

namespace interp3d {

ScalarGrid frameField(const ScalarGrid& sourceSdf, const ScalarGrid& targetSdf,
                      const FrameWarp& warp, double s, const FrameGeometryOptions& options,
                      const Progress& progress) {
  const GridSpec& spec = sourceSdf.spec;
  ScalarGrid field(spec, 1.0f);
  const int n = spec.points();
  const float a = static_cast<float>(s);
  const bool refine = options.refiner != nullptr;
  ScalarGrid warpedS, warpedT;  // each endpoint's field pulled to the frame (for the prior)
  if (refine) warpedS = warpedT = ScalarGrid(spec, 1.0f);
  std::atomic<bool> stop{false};
  // Each flow is defined about its own input's carried shape: the target's takes over from the
  // source's easing in and out, so near an end the other's flow barely counts.
  const float handover = a * a * (3.0f - 2.0f * a);
  const bool bidirectional =
      !warp.aheadOfSource.values.empty() && !warp.aheadOfTarget.values.empty();
  parallelFor(static_cast<std::size_t>(n), options.threads, [&](std::size_t k0, std::size_t k1) {
    for (int k = static_cast<int>(k0); k < static_cast<int>(k1); ++k) {
      if (stop.load() || progress.cancelled()) {
        stop = true;
        return;
      }
      for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i) {
          const glm::vec3 x = spec.position(i, j, k);
          const float fs = sourceSdf.sample(x + warp.toSource.sample(x));
          const float ft = targetSdf.sample(x + warp.toTarget.sample(x));
          if (bidirectional) {
            // Each input's flow carries both solids: the source's keeps the source's parts
            // where its flow takes them, the target's grows the target's parts along its flow.
            const float gs = targetSdf.sample(x + warp.aheadOfSource.sample(x));
            const float gt = sourceSdf.sample(x + warp.aheadOfTarget.sample(x));
            const float alongSource = (1.0f - handover) * fs + handover * gs;
            const float alongTarget = (1.0f - handover) * gt + handover * ft;
            field.at(i, j, k) = (1.0f - handover) * alongSource + handover * alongTarget;
          } else {
            field.at(i, j, k) = (1.0f - a) * fs + a * ft;
          }
          if (refine) warpedS.at(i, j, k) = fs, warpedT.at(i, j, k) = ft;
        }
    }
  });
  progress.check();
  if (refine) options.refiner->refine(warpedS, warpedT, a, field);
  redistance(field);
  const float sigma = options.smoothing * 4.0f * a * (1.0f - a);
  if (sigma > 0.05f) gaussianBlur(field, sigma, options.threads);
  progress.check();
  return field;
}

FrameSurface frameSurface(const ScalarGrid& sourceSdf, const ScalarGrid& targetSdf,
                          const FrameWarp& warp, double s, const FrameGeometryOptions& options,
                          const Progress& progress) {
  FrameSurface out;
  out.field = frameField(sourceSdf, targetSdf, warp, s, options, progress);
  out.surface = adaptiveZeroSurface(out.field, 0.05);
  keepLargestComponents(out.surface, options.keepComponents, options.minComponentShare);
  std::size_t genus = computeTopology(out.surface).genus;
  if (genus > options.maxGenus) {
    progress.check();
    out.closing = reduceHandles(out.field, options.keepComponents, options.maxGenus,
                                options.topologyRadius, genus);
    if (out.closing != 0) {
      out.surface = adaptiveZeroSurface(out.field, 0.05);
      keepLargestComponents(out.surface, options.keepComponents, options.minComponentShare);
    }
  }
  return out;
}

TexturedMesh frameGeometry(const ScalarGrid& sourceSdf, const ScalarGrid& targetSdf,
                           const FrameWarp& warp, double s, const FrameGeometryOptions& options,
                           const Progress& progress) {
  return frameSurface(sourceSdf, targetSdf, warp, s, options, progress).surface;
}

}  // namespace interp3d
