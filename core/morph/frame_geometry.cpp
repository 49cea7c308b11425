#include "morph/frame_geometry.h"

#include <algorithm>
#include <atomic>
#include <optional>
#include <vector>

#include "lattice/adaptive_mesh.h"
#include "lattice/marching_tetrahedra.h"
#include "lattice/morphology.h"
#include "lattice/redistance.h"
#include "util/parallel.h"

namespace interp3d {

namespace {

// A signed distance field read between lattice points from withSlopes(): each corner's value
// carried along its own slope, blended trilinearly. Exact where the field is linear, like plain
// trilinear sampling, but a part or a gap a cell or so across, whose corners' slopes point away
// from its middle, stays (thinner) wherever it is read instead of flickering in and out. Parts
// under two cells across read fatter than they are (a ball one cell across: 1.7x its volume),
// and values may overshoot the corners' range where the field is not smooth.
float slopedSample(const Grid<glm::vec4>& grid, const glm::vec3& p) {
  glm::ivec3 cell;
  glm::vec3 f;
  grid.spec.locate(p, cell, f);
  const std::size_t n = static_cast<std::size_t>(grid.spec.points()), nn = n * n;
  const glm::vec4* c = &grid.values[grid.spec.index(cell.x, cell.y, cell.z)];
  // Corner (ox, oy, oz)'s value carried along its slope to the point.
  auto at = [&](std::size_t offset, float ox, float oy, float oz) {
    const glm::vec4& v = c[offset];
    return v.x + v.y * (f.x - ox) + v.z * (f.y - oy) + v.w * (f.z - oz);
  };
  auto lerp = [](float a, float b, float t) { return a + (b - a) * t; };
  const float near = lerp(lerp(at(0, 0, 0, 0), at(1, 1, 0, 0), f.x),
                          lerp(at(n, 0, 1, 0), at(n + 1, 1, 1, 0), f.x), f.y);
  const float far = lerp(lerp(at(nn, 0, 0, 1), at(nn + 1, 1, 0, 1), f.x),
                         lerp(at(nn + n, 0, 1, 1), at(nn + n + 1, 1, 1, 1), f.x), f.y);
  return lerp(near, far, f.z);
}

// The caller's withSlopes() of `field` when made on its lattice, else made here into `own`.
const Grid<glm::vec4>& slopesOf(const ScalarGrid& field, const Grid<glm::vec4>* given,
                                std::optional<Grid<glm::vec4>>& own, int threads) {
  if (given && given->spec.cells == field.spec.cells && given->spec.spacing == field.spec.spacing &&
      given->spec.origin == field.spec.origin)
    return *given;
  return own.emplace(withSlopes(field, threads));
}

}  // namespace

Grid<glm::vec4> withSlopes(const ScalarGrid& field, int threads) {
  Grid<glm::vec4> out(field.spec, glm::vec4(0.0f));
  const int n = field.spec.points();
  auto at = [&](int i, int j, int k) {
    return field.at(std::clamp(i, 0, n - 1), std::clamp(j, 0, n - 1), std::clamp(k, 0, n - 1));
  };
  parallelFor(static_cast<std::size_t>(n), threads, [&](std::size_t k0, std::size_t k1) {
    for (int k = static_cast<int>(k0); k < static_cast<int>(k1); ++k)
      for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i) {
          const float wx = (i == 0 || i == n - 1) ? 1.0f : 0.5f;
          const float wy = (j == 0 || j == n - 1) ? 1.0f : 0.5f;
          const float wz = (k == 0 || k == n - 1) ? 1.0f : 0.5f;
          out.at(i, j, k) = glm::vec4(field.at(i, j, k), wx * (at(i + 1, j, k) - at(i - 1, j, k)),
                                      wy * (at(i, j + 1, k) - at(i, j - 1, k)),
                                      wz * (at(i, j, k + 1) - at(i, j, k - 1)));
        }
  });
  return out;
}

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
  std::optional<Grid<glm::vec4>> ownS, ownT;
  const Grid<glm::vec4>* slopesS =
      options.sloped ? &slopesOf(sourceSdf, options.sourceSlopes, ownS, options.threads) : nullptr;
  const Grid<glm::vec4>* slopesT =
      options.sloped ? &slopesOf(targetSdf, options.targetSlopes, ownT, options.threads) : nullptr;
  const auto sampleS = [&](const glm::vec3& p) {
    return slopesS ? slopedSample(*slopesS, p) : sourceSdf.sample(p);
  };
  const auto sampleT = [&](const glm::vec3& p) {
    return slopesT ? slopedSample(*slopesT, p) : targetSdf.sample(p);
  };
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
          const float fs = sampleS(x + warp.toSource.sample(x));
          const float ft = sampleT(x + warp.toTarget.sample(x));
          if (bidirectional) {
            // Each input's flow carries both solids: the source's keeps the source's parts
            // where its flow takes them, the target's grows the target's parts along its flow.
            const float gs = sampleT(x + warp.aheadOfSource.sample(x));
            const float gt = sampleS(x + warp.aheadOfTarget.sample(x));
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
  if (sigma > 0.05f) {
    const std::vector<float> before =
        options.keepDepth >= 0.0f ? field.values : std::vector<float>();
    gaussianBlur(field, sigma, options.threads);
    // A blur lifts the middle of anything thinner than itself out of the solid.
    for (std::size_t q = 0; q < before.size(); ++q)
      if (before[q] < 0.0f)
        field.values[q] = std::min(field.values[q], options.keepDepth * before[q]);
  }
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
