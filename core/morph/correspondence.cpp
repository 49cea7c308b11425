#include "morph/correspondence.h"

#include "util/error.h"

#include <algorithm>
#include <cmath>

#include <glm/geometric.hpp>
#include <unordered_map>

#include "geometry/surface_sampling.h"
#include "morph/voxel_descriptors.h"
#include "util/parallel.h"

namespace interp3d {

namespace {

// One voxel per occupied cell of a `resolution`^3 grid over the unit cube (the first sample that
// falls in it): the active voxels of the structured latent.
std::vector<SurfaceSample> activeVoxels(const std::vector<SurfaceSample>& samples, int resolution) {
  std::unordered_map<std::uint64_t, bool> seen;
  std::vector<SurfaceSample> out;
  for (const SurfaceSample& s : samples) {
    const glm::ivec3 c =
        glm::clamp(glm::ivec3(glm::floor((s.point.position + 0.5f) * float(resolution))),
                   glm::ivec3(0), glm::ivec3(resolution - 1));
    const std::uint64_t key =
        (std::uint64_t(c.x) << 40) | (std::uint64_t(c.y) << 20) | std::uint64_t(c.z);
    if (seen.emplace(key, true).second) out.push_back(s);
  }
  return out;
}

// A smooth vector field from scattered values: Gaussian-weighted averages at two scales so the
// field follows the data near the surface and stays smooth and defined far from it.
VectorGrid scatteredField(const GridSpec& spec, const std::vector<glm::vec3>& at,
                          const std::vector<glm::vec3>& values, const std::vector<float>& weights,
                          const CorrespondenceOptions& options, int threads) {
  VectorGrid v(spec, glm::vec3(0.0f));
  ScalarGrid w(spec, 0.0f);
  glm::vec3 mean(0.0f);
  float total = 0.0f;
  const int n = spec.points();
  for (std::size_t i = 0; i < at.size(); ++i) {
    const glm::ivec3 c = glm::clamp(glm::ivec3(glm::round((at[i] - spec.origin) / spec.spacing)),
                                    glm::ivec3(0), glm::ivec3(n - 1));
    v.at(c.x, c.y, c.z) += weights[i] * values[i];
    w.at(c.x, c.y, c.z) += weights[i];
    mean += weights[i] * values[i];
    total += weights[i];
  }
  mean /= std::max(total, 1e-12f);
  VectorGrid vWide = v;
  ScalarGrid wWide = w;
  gaussianBlur(v, options.nearBlur, threads);
  gaussianBlur(w, options.nearBlur, threads);
  gaussianBlur(vWide, options.farBlur, threads);
  gaussianBlur(wWide, options.farBlur, threads);
  const float wideShare = options.farShare, floor = 1e-6f;
  for (std::size_t i = 0; i < v.values.size(); ++i) {
    v.values[i] = (v.values[i] + wideShare * vWide.values[i] + floor * mean) /
                  (w.values[i] + wideShare * wWide.values[i] + floor);
  }
  return v;
}

struct Matcher {
  const GridSpec& spec;
  const CorrespondenceOptions& options;
  const DescriptorModel* learned;
  int coarseResolution;
  int threads;

  int descriptorDims(std::size_t landmarks) const {
    return 9 + static_cast<int>(options.heatTimes.size()) + static_cast<int>(landmarks) +
           (learned ? learned->size() : 0);
  }

  // Descriptor rows of the coarse voxels: position, normal, colour, intrinsic shape (log heat
  // kernel signature), geodesic distances along the voxel graph to each landmark over their mean
  // from it, and the learned descriptors of the distance field around each voxel, each part
  // weighted.
  std::vector<float> descriptors(const MorphEndpoint& e, const std::vector<SurfaceSample>& coarse,
                                 const std::vector<glm::vec3>& landmarks) const {
    const int hksDims = static_cast<int>(options.heatTimes.size());
    const int dims = descriptorDims(landmarks.size());
    std::vector<glm::vec3> positions;
    for (const SurfaceSample& s : coarse) positions.push_back(s.point.position);
    const VoxelGraph graph = buildVoxelGraph(positions, options.graphRadius / coarseResolution);
    std::vector<float> hks(coarse.size() * hksDims, 1.0f);
    if (options.spectralWeight > 0.0f)
      hks = heatKernelSignature(graph, options.heatTimes, options.eigenpairs, threads);
    std::vector<std::vector<float>> geodesic;
    for (const glm::vec3& l : landmarks) geodesic.push_back(graphGeodesic(graph, positions, l));
    for (std::vector<float>& g : geodesic) {  // over the mean: the shapes' proportions differ
      double sum = 0.0;
      for (const float x : g) sum += x;
      const float mean = g.empty() ? 1.0f : static_cast<float>(sum / g.size());
      if (mean > 0.0f)
        for (float& x : g) x /= mean;
    }
    const int learnedDims = learned ? learned->size() : 0;
    std::vector<float> learnedRows;
    if (learned) {
      learnedRows = learned->describe(e.sdf, positions);
      // A user's prior file is untrusted: its output is checked where it enters.
      if (learnedRows.size() != positions.size() * static_cast<std::size_t>(learnedDims))
        throw Error("the prior's descriptor model returned " + std::to_string(learnedRows.size()) +
                    " values for " + std::to_string(positions.size()) + " points of " +
                    std::to_string(learnedDims) + " values each");
      const auto bad = std::count_if(learnedRows.begin(), learnedRows.end(),
                                     [](float v) { return !std::isfinite(v); });
      if (bad)
        throw Error("the prior's descriptor model returned " + std::to_string(bad) +
                    " values that are not finite (NaN or infinite); use another prior or "
                    "--prior off");
    }
    std::vector<float> rows;
    rows.reserve(coarse.size() * dims);
    for (std::size_t i = 0; i < coarse.size(); ++i) {
      const SurfaceSample& s = coarse[i];
      const glm::vec3 c = glm::vec3(colorAt(e.repaired, s.point));
      for (int a = 0; a < 3; ++a) rows.push_back(options.positionWeight * s.point.position[a]);
      for (int a = 0; a < 3; ++a) rows.push_back(options.normalWeight * s.normal[a]);
      for (int a = 0; a < 3; ++a) rows.push_back(options.colorWeight * c[a]);
      for (int t = 0; t < hksDims; ++t)
        rows.push_back(options.spectralWeight * std::log(std::max(hks[i * hksDims + t], 1e-6f)));
      for (const std::vector<float>& g : geodesic)
        rows.push_back(options.landmarkDistanceWeight * g[i]);
      for (int k = 0; k < learnedDims; ++k)
        rows.push_back(options.learnedWeight * learnedRows[i * learnedDims + k]);
    }
    return rows;
  }

  // The displacement field through scattered values, with each landmark pinned to its partner.
  VectorGrid pinnedField(std::vector<glm::vec3> at, std::vector<glm::vec3> d, std::vector<float> w,
                         const std::vector<glm::vec3>& marksFrom,
                         const std::vector<glm::vec3>& marksTo) const {
    for (std::size_t l = 0; l < marksFrom.size(); ++l) {
      at.push_back(marksFrom[l]);
      d.push_back(marksTo[l] - marksFrom[l]);
      w.push_back(options.landmarkPinWeight);
    }
    return scatteredField(spec, at, d, w, options, threads);
  }

  // Coarse displacement field from the plan's barycentres, weighted by transported mass.
  VectorGrid coarseField(const std::vector<glm::vec3>& from, const std::vector<glm::vec3>& to,
                         const std::vector<float>& mass, const std::vector<glm::vec3>& marksFrom,
                         const std::vector<glm::vec3>& marksTo) const {
    std::vector<glm::vec3> d(from.size());
    std::vector<float> w(from.size());
    for (std::size_t i = 0; i < from.size(); ++i) {
      d[i] = to[i] - from[i];
      w[i] = std::clamp(mass[i], 0.0f, 1.0f);
    }
    return pinnedField(from, d, w, marksFrom, marksTo);
  }

  // Fine stage: every full-resolution voxel follows the coarse field, then lands on the surface.
  // Appends the voxels' positions and displacements to `at` and `d`.
  void fineSamples(const std::vector<SurfaceSample>& fine, const MorphEndpoint& to,
                   const VectorGrid& coarse, std::vector<glm::vec3>& at,
                   std::vector<glm::vec3>& d) const {
    std::vector<glm::vec3> guess;
    const std::size_t first = at.size();
    for (const SurfaceSample& s : fine) {
      at.push_back(s.point.position);
      guess.push_back(s.point.position + coarse.sample(s.point.position));
    }
    const std::vector<SurfacePoint> landed = to.query->closest(guess);
    for (std::size_t i = 0; i < landed.size(); ++i) d.push_back(landed[i].position - at[first + i]);
  }

  VectorGrid fineField(const std::vector<SurfaceSample>& fine, const MorphEndpoint& to,
                       const VectorGrid& coarse, const std::vector<glm::vec3>& marksFrom,
                       const std::vector<glm::vec3>& marksTo) const {
    std::vector<glm::vec3> at, d;
    fineSamples(fine, to, coarse, at, d);
    return pinnedField(at, d, std::vector<float>(at.size(), 1.0f), marksFrom, marksTo);
  }
};

// The tips of both solids matched (extremities.h), on their surfaces, but for those near a
// landmark the user gave (the user's word wins there).
std::vector<Landmark> matchedTips(const MorphEndpoint& source, const MorphEndpoint& target,
                                  const std::vector<glm::vec3>& userSource,
                                  const std::vector<glm::vec3>& userTarget,
                                  const ExtremityOptions& options) {
  const Extremities a = findExtremities(source.sdf, options),
                    b = findExtremities(target.sdf, options);
  const std::vector<ExtremityMatch> matches = matchExtremities(a, b, options);
  if (matches.empty()) return {};
  std::vector<glm::vec3> from, to;
  for (const ExtremityMatch& m : matches) {
    from.push_back(a.tips[m.source].position);
    to.push_back(b.tips[m.target].position);
  }
  const std::vector<SurfacePoint> onSource = source.query->closest(from);
  const std::vector<SurfacePoint> onTarget = target.query->closest(to);
  auto nearAny = [&](const glm::vec3& p, const std::vector<glm::vec3>& marks) {
    return std::any_of(marks.begin(), marks.end(), [&](const glm::vec3& m) {
      return glm::distance(p, m) < options.separation;
    });
  };
  // A tip the user marked near is left to the user, and so is its mirror image's match (mirror
  // pairs are both or neither).
  std::vector<std::uint8_t> left(matches.size(), 0);
  for (std::size_t i = 0; i < matches.size(); ++i)
    left[i] =
        nearAny(onSource[i].position, userSource) || nearAny(onTarget[i].position, userTarget);
  std::vector<std::uint8_t> drop = left;
  const int axis = mirrorAxis(a, b, options);
  for (std::size_t i = 0; i < matches.size(); ++i)
    for (std::size_t k = 0; k < matches.size(); ++k)
      if (left[k] && mirrorImage(a, matches[k].source, axis, options) == matches[i].source)
        drop[i] = 1;
  std::vector<Landmark> out;
  for (std::size_t i = 0; i < matches.size(); ++i)
    if (!drop[i]) out.push_back({onSource[i].position, onTarget[i].position});
  return out;
}

}  // namespace

VectorGrid flowDisplacement(const VectorGrid& velocity, float amount, int threads) {
  const VectorGrid v = coarsened(velocity, 2);
  VectorGrid d = v;
  float longest = 0.0f;
  for (glm::vec3& x : d.values) {
    x *= amount;
    longest = std::max(longest, glm::length(x));
  }
  const int squarings =
      longest > 0.0f
          ? std::clamp(static_cast<int>(std::ceil(std::log2(longest / (0.5f * v.spec.spacing)))), 0,
                       12)
          : 0;
  const float scale = std::ldexp(1.0f, -squarings);
  for (glm::vec3& x : d.values) x *= scale;
  const GridSpec& spec = d.spec;
  const int n = spec.points();
  VectorGrid next = d;
  for (int k = 0; k < squarings; ++k) {
    parallelFor(static_cast<std::size_t>(n), threads, [&](std::size_t k0, std::size_t k1) {
      for (int kk = static_cast<int>(k0); kk < static_cast<int>(k1); ++kk)
        for (int j = 0; j < n; ++j)
          for (int i = 0; i < n; ++i) {
            const glm::vec3 first = d.at(i, j, kk);
            next.at(i, j, kk) = first + d.sample(spec.position(i, j, kk) + first);
          }
    });
    std::swap(d.values, next.values);
  }
  return d;
}

std::vector<glm::vec3> Correspondence::carry(const std::vector<glm::vec3>& points, bool fromTarget,
                                             float amount, int threads) const {
  const VectorGrid d =
      flowDisplacement(fromTarget ? targetToSource : sourceToTarget, amount, threads);
  std::vector<glm::vec3> out(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) out[i] = points[i] + d.sample(points[i]);
  return out;
}

FrameWarp Correspondence::warpAt(float s, int threads) const {
  FrameWarp w;
  w.toSource = flowDisplacement(sourceToTarget, -s, threads);
  w.toTarget = flowDisplacement(targetToSource, -(1.0f - s), threads);
  w.aheadOfSource = flowDisplacement(sourceToTarget, 1.0f - s, threads);
  w.aheadOfTarget = flowDisplacement(targetToSource, s, threads);
  return w;
}

Correspondence correspond(const MorphEndpoint& source, const MorphEndpoint& target,
                          const std::vector<glm::vec3>& userSourceMarks,
                          const std::vector<glm::vec3>& userTargetMarks, const GridSpec& spec,
                          int resolution, const CorrespondenceOptions& options,
                          const DescriptorModel* learned, std::uint32_t seed, int threads,
                          const Progress& progress) {
  std::vector<glm::vec3> srcMarks = userSourceMarks, dstMarks = userTargetMarks;
  const std::vector<Landmark> tips =
      options.extremities ? matchedTips(source, target, srcMarks, dstMarks, options.extremity)
                          : std::vector<Landmark>();
  for (const Landmark& t : tips) {
    srcMarks.push_back(t.source);
    dstMarks.push_back(t.target);
  }
  progress.check();
  const int coarseResolution = std::min(options.resolution, resolution);
  const Matcher matcher{spec, options, learned, coarseResolution, threads};
  // Active voxels at the lattice's resolution and at the transport's.
  std::vector<SurfaceSample> fine[2], coarse[2];
  const MorphEndpoint* ends[2] = {&source, &target};
  for (int e = 0; e < 2; ++e) {
    progress.check();
    const std::size_t count =
        static_cast<std::size_t>(options.samplesPerCell) * resolution * resolution;
    const std::vector<SurfaceSample> samples = sampleSurface(ends[e]->repaired, count, seed);
    fine[e] = activeVoxels(samples, resolution);
    coarse[e] = activeVoxels(samples, coarseResolution);
  }
  progress.report(0.1, "correspondence");
  const int dims = matcher.descriptorDims(srcMarks.size());
  std::vector<glm::vec3> sp, tp;
  for (const SurfaceSample& s : coarse[0]) sp.push_back(s.point.position);
  for (const SurfaceSample& s : coarse[1]) tp.push_back(s.point.position);
  SinkhornOptions so = options.transport;
  so.threads = threads;
  const std::vector<float> sourceRows = matcher.descriptors(source, coarse[0], srcMarks);
  progress.check();
  const std::vector<float> targetRows = matcher.descriptors(target, coarse[1], dstMarks);
  progress.check();
  progress.report(0.4, "correspondence");
  const TransportResult plan = solveTransport(sourceRows, targetRows, dims, sp, tp, so);
  progress.check();
  progress.report(0.8, "correspondence");

  const VectorGrid coarseS =
      matcher.coarseField(sp, plan.sourceToTarget, plan.sourceMass, srcMarks, dstMarks);
  const VectorGrid coarseT =
      matcher.coarseField(tp, plan.targetToSource, plan.targetMass, dstMarks, srcMarks);
  Correspondence c;
  c.sourceToTarget = matcher.fineField(fine[0], target, coarseS, srcMarks, dstMarks);
  progress.check();
  c.targetToSource = matcher.fineField(fine[1], source, coarseT, dstMarks, srcMarks);
  c.tips = tips;
  return c;
}

}  // namespace interp3d
