#include "morph/frame_geometry.h"

#include <atomic>

#include "lattice/marching_tetrahedra.h"
#include "util/parallel.h"

namespace interp3d {

TexturedMesh frameGeometry(const ScalarGrid& sourceSdf, const ScalarGrid& targetSdf,
                           const Correspondence& correspondence, double s,
                           const FrameGeometryOptions& options, const Progress& progress) {
  const GridSpec& spec = sourceSdf.spec;
  ScalarGrid field(spec, 1.0f);
  const int n = spec.points();
  const float a = static_cast<float>(s);
  const bool refine = options.refiner != nullptr;
  ScalarGrid warpedS, warpedT;  // each endpoint's field pulled to the frame (for the prior)
  if (refine) warpedS = warpedT = ScalarGrid(spec, 1.0f);
  std::atomic<bool> stop{false};
  parallelFor(static_cast<std::size_t>(n), options.threads, [&](std::size_t k0, std::size_t k1) {
    for (int k = static_cast<int>(k0); k < static_cast<int>(k1); ++k) {
      if (stop.load() || progress.cancelled()) {
        stop = true;
        return;
      }
      for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i) {
          const glm::vec3 x = spec.position(i, j, k);
          const glm::vec3 p = correspondence.sourceOrigin(x, a);
          const glm::vec3 q = correspondence.targetOrigin(x, a);
          const float fs = sourceSdf.sample(p), ft = targetSdf.sample(q);
          field.at(i, j, k) = (1.0f - a) * fs + a * ft;
          if (refine) warpedS.at(i, j, k) = fs, warpedT.at(i, j, k) = ft;
        }
    }
  });
  progress.check();
  if (refine) options.refiner->refine(warpedS, warpedT, a, field);
  progress.check();
  TexturedMesh mesh = extractZeroSurface(field);
  keepLargestComponents(mesh, options.keepComponents);
  return mesh;
}

}  // namespace interp3d
