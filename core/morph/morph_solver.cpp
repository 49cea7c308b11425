#include "morph/morph_solver.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <mutex>
#include <unordered_map>

#include <glm/geometric.hpp>

#include "geometry/rigid_alignment.h"
#include "geometry/surface_query.h"
#include "geometry/surface_sampling.h"
#include "mesh/normalize.h"
#include "mesh/topology.h"
#include "morph/grid.h"
#include "morph/marching_tetrahedra.h"
#include "morph/sdf_grid.h"
#include "morph/sinkhorn.h"
#include "morph/texture_atlas.h"
#include "morph/voxel_descriptors.h"
#include "prior/prior_features.h"
#include "prior/structure_refinement.h"
#include "util/parallel.h"

namespace interp3d {

namespace {

using Clock = std::chrono::steady_clock;
double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// A box-filtered copy of an image, `factor` times smaller: the low frequencies of a texture.
Image lowPass(const Image& img, int factor) {
  Image out;
  if (img.empty()) return out;
  out.width = std::max(1, img.width / factor);
  out.height = std::max(1, img.height / factor);
  out.rgba.resize(static_cast<std::size_t>(out.width) * out.height * 4);
  for (int y = 0; y < out.height; ++y) {
    for (int x = 0; x < out.width; ++x) {
      int sum[4] = {0, 0, 0, 0}, n = 0;
      for (int yy = y * factor; yy < std::min(img.height, (y + 1) * factor); ++yy) {
        for (int xx = x * factor; xx < std::min(img.width, (x + 1) * factor); ++xx) {
          for (int c = 0; c < 4; ++c)
            sum[c] += img.rgba[4 * (static_cast<std::size_t>(yy) * img.width + xx) + c];
          ++n;
        }
      }
      for (int c = 0; c < 4; ++c)
        out.rgba[4 * (static_cast<std::size_t>(y) * out.width + x) + c] =
            static_cast<std::uint8_t>(sum[c] / std::max(n, 1));
    }
  }
  return out;
}

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
                          const std::vector<glm::vec3>& values, const std::vector<float>& weights) {
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
  gaussianBlur(v, 1.5f);
  gaussianBlur(w, 1.5f);
  gaussianBlur(vWide, 6.0f);
  gaussianBlur(wWide, 6.0f);
  const float wideShare = 0.02f, floor = 1e-6f;
  for (std::size_t i = 0; i < v.values.size(); ++i) {
    v.values[i] = (v.values[i] + wideShare * vWide.values[i] + floor * mean) /
                  (w.values[i] + wideShare * wWide.values[i] + floor);
  }
  return v;
}

// Where the point now at x started, when every point p moves to p + amount * field(p).
glm::vec3 pullBack(const VectorGrid& field, const glm::vec3& x, float amount) {
  glm::vec3 p = x - amount * field.sample(x);
  for (int i = 0; i < 2; ++i) p = x - amount * field.sample(p);
  return p;
}

glm::vec3 rgb(const glm::vec4& c) {
  return glm::vec3(c);
}

}  // namespace

struct Endpoint {
  TexturedMesh original;  // user units
  TexturedMesh unit;      // normalised into the unit cube
  Similarity toUnit;
  std::unique_ptr<SurfaceQuery> query;  // on `unit`
  ScalarGrid sdf;
  std::vector<Image> lowTextures;  // per material
  std::vector<SurfaceSample> fine, coarse;
  VectorGrid displacement;  // towards the other endpoint
  StructuredLatent latent;  // active cells of the lattice, encoded by the codec
  std::size_t components = 1;

  float uvPerLength = 0.0f;  // median texture-space length per unit of surface length

  // Colour (full and low-passed) at texture coordinate `uv` of `material`. Only for meshes
  // without vertex colours (sameChart() says so before this is used).
  void colorAtUV(std::uint32_t material, const glm::vec2& uv, glm::vec4& full,
                 glm::vec4& low) const {
    const Material& m = unit.materials[material];
    full = low = m.baseColorFactor;
    if (!m.baseColorTexture.empty() && unit.hasUVs()) {
      full *= m.baseColorTexture.sample(uv);
      low *= lowTextures[material].sample(uv);
    }
  }

  // Whether colours inside a triangle of a frame whose corners come from surface points a, b, c
  // can be read at interpolated texture coordinates: same material, and no texture seam between
  // them (their texture-space spread is in proportion to their spread on the surface).
  bool sameChart(const SurfacePoint& a, const SurfacePoint& b, const SurfacePoint& c) const {
    if (!unit.vertexColors.empty()) return false;
    const std::uint32_t m = unit.materialIds[a.triangle];
    if (unit.materialIds[b.triangle] != m || unit.materialIds[c.triangle] != m) return false;
    if (unit.materials[m].baseColorTexture.empty() || !unit.hasUVs()) return true;
    const glm::vec2 ua = uvAt(unit, a), ub = uvAt(unit, b), uc = uvAt(unit, c);
    const float uvSpread =
        std::max({glm::distance(ua, ub), glm::distance(ub, uc), glm::distance(ua, uc)});
    const float spread =
        std::max({glm::distance(a.position, b.position), glm::distance(b.position, c.position),
                  glm::distance(a.position, c.position)});
    return uvSpread <= 3.0f * uvPerLength * spread + 1e-4f;
  }

  glm::vec4 lowColorAt(const SurfacePoint& p) const {
    const Material& m = unit.materials[unit.materialIds[p.triangle]];
    glm::vec4 c = m.baseColorFactor;
    const Image& low = lowTextures[unit.materialIds[p.triangle]];
    if (!low.empty() && unit.hasUVs()) c *= low.sample(uvAt(unit, p));
    return c;
  }
};

struct MorphSolver::Impl {
  MorphOptions options;
  PlainCodec plainCodec;
  Endpoint src, dst;
  RigidTransform alignment;  // target unit cube -> source unit cube (identity without align)
  GridSpec spec;
  std::vector<MorphFrame> frames;
  mutable std::mutex timingMutex;
  mutable std::map<std::string, double> timings;

  void addTiming(const std::string& stage, double seconds) const {
    std::lock_guard<std::mutex> lock(timingMutex);
    timings[stage] += seconds;
  }

  void normalise(Endpoint& e) {
    const auto start = Clock::now();
    e.unit = e.original;
    e.toUnit = normalizeToUnitCube(e.unit);
    e.components = std::max<std::size_t>(1, computeTopology(e.unit).components);
    for (const Material& m : e.unit.materials)
      e.lowTextures.push_back(lowPass(m.baseColorTexture, 16));
    if (e.unit.hasUVs()) {
      std::vector<float> ratios;
      for (std::size_t f = 0; f < e.unit.triangles.size(); ++f) {
        const glm::uvec3 t = e.unit.triangles[f];
        const float len = glm::distance(e.unit.positions[t.x], e.unit.positions[t.y]);
        if (len > 0.0f)
          ratios.push_back(glm::distance(e.unit.cornerUVs[3 * f], e.unit.cornerUVs[3 * f + 1]) /
                           len);
      }
      if (!ratios.empty()) {
        std::nth_element(ratios.begin(), ratios.begin() + ratios.size() / 2, ratios.end());
        e.uvPerLength = ratios[ratios.size() / 2];
      }
    }
    addTiming("normalise", secondsSince(start));
  }

  void alignTarget() {
    const auto start = Clock::now();
    alignment = alignRigid(src.unit, dst.unit, {3000, 30, options.seed});
    for (glm::vec3& p : dst.unit.positions) p = alignment.apply(p);
    computeVertexNormals(dst.unit);
    addTiming("align", secondsSince(start));
  }

  void prepareEndpoint(Endpoint& e, const Progress& progress) {
    progress.check();
    auto start = Clock::now();
    e.query = std::make_unique<SurfaceQuery>(e.unit, options.threads);
    e.sdf = signedDistanceGrid(e.unit, *e.query, spec);
    // The structured latent: what the morph interpolates is the codec's decoding of it.
    const LatentCodec& codec = options.codec ? *options.codec : plainCodec;
    e.latent = encodeStructuredLatent(e.sdf, e.unit, *e.query, codec);
    decodeStructuredLatent(e.latent, codec, e.sdf);
    addTiming("fields", secondsSince(start));
    progress.check();

    start = Clock::now();
    const std::size_t count =
        static_cast<std::size_t>(12) * options.resolution * options.resolution;
    const std::vector<SurfaceSample> samples = sampleSurface(e.unit, count, options.seed);
    e.fine = activeVoxels(samples, options.resolution);
    e.coarse = activeVoxels(samples, options.correspondenceResolution);
    addTiming("latent", secondsSince(start));
  }

  // Descriptor rows of the coarse voxels: position, normal and colour, weighted.
  // Heat kernel signature times (graph units) of the intrinsic part of the descriptor.
  static constexpr float kHksTimes[3] = {8.0f, 32.0f, 128.0f};
  static constexpr int kHksDims = 3;

  // Descriptor rows of the coarse voxels: position, normal, colour, intrinsic shape (log heat
  // kernel signature) and geodesic distances along the voxel graph to each landmark.
  std::vector<float> descriptors(const Endpoint& e, const std::vector<glm::vec3>& landmarks) const {
    const float wPos = 1.0f, wNormal = 0.25f, wColor = 0.1f, wHks = options.spectralWeight,
                wLandmark = 1.0f;
    const int dims = descriptorDims(landmarks.size());
    std::vector<glm::vec3> positions;
    for (const SurfaceSample& s : e.coarse) positions.push_back(s.point.position);
    const VoxelGraph graph = buildVoxelGraph(positions, 1.8f / options.correspondenceResolution);
    std::vector<float> hks(e.coarse.size() * kHksDims, 1.0f);
    if (wHks > 0.0f) {
      hks = heatKernelSignature(graph, std::vector<float>(kHksTimes, kHksTimes + kHksDims), 96,
                                options.threads);
    }
    std::vector<std::vector<float>> geodesic;
    for (const glm::vec3& l : landmarks) geodesic.push_back(graphGeodesic(graph, positions, l));
    // Learned descriptors of the distance field around each voxel.
    const int learnedDims = usesLearnedDescriptors() ? options.prior->descriptorSize() : 0;
    std::vector<float> learned;
    if (learnedDims > 0) {
      std::vector<float> stencils(positions.size() * kStencilFeatures);
      for (std::size_t i = 0; i < positions.size(); ++i)
        stencilFeatures([&](const glm::vec3& p) { return e.sdf.sample(p); }, positions[i],
                        &stencils[i * kStencilFeatures]);
      learned = options.prior->describe(stencils);
    }
    std::vector<float> rows;
    rows.reserve(e.coarse.size() * dims);
    for (std::size_t i = 0; i < e.coarse.size(); ++i) {
      const SurfaceSample& s = e.coarse[i];
      const glm::vec3 c = rgb(colorAt(e.unit, s.point));
      for (int a = 0; a < 3; ++a) rows.push_back(wPos * s.point.position[a]);
      for (int a = 0; a < 3; ++a) rows.push_back(wNormal * s.normal[a]);
      for (int a = 0; a < 3; ++a) rows.push_back(wColor * c[a]);
      for (int t = 0; t < kHksDims; ++t)
        rows.push_back(wHks * std::log(std::max(hks[i * kHksDims + t], 1e-6f)));
      for (const std::vector<float>& g : geodesic) rows.push_back(wLandmark * g[i]);
      for (int k = 0; k < learnedDims; ++k)
        rows.push_back(options.learnedDescriptorWeight * learned[i * learnedDims + k]);
    }
    return rows;
  }

  bool usesLearnedDescriptors() const { return options.prior && options.priorParts.descriptors; }
  int descriptorDims(std::size_t landmarks) const {
    return 9 + kHksDims + static_cast<int>(landmarks) +
           (usesLearnedDescriptors() ? options.prior->descriptorSize() : 0);
  }

  // The displacement field through scattered values, with each landmark pinned to its partner
  // (a weight of 50 voxels' worth).
  VectorGrid pinnedField(std::vector<glm::vec3> at, std::vector<glm::vec3> d, std::vector<float> w,
                         const std::vector<glm::vec3>& marksFrom,
                         const std::vector<glm::vec3>& marksTo) const {
    for (std::size_t l = 0; l < marksFrom.size(); ++l) {
      at.push_back(marksFrom[l]);
      d.push_back(marksTo[l] - marksFrom[l]);
      w.push_back(50.0f);
    }
    return scatteredField(spec, at, d, w);
  }

  void correspond(const Progress& progress) {
    auto start = Clock::now();
    std::vector<glm::vec3> srcMarks, dstMarks;
    for (const Landmark& l : options.landmarks) {
      srcMarks.push_back(src.toUnit.apply(l.source));
      dstMarks.push_back(alignment.apply(dst.toUnit.apply(l.target)));
    }
    const int dims = descriptorDims(srcMarks.size());
    std::vector<glm::vec3> sp, tp;
    for (const SurfaceSample& s : src.coarse) sp.push_back(s.point.position);
    for (const SurfaceSample& s : dst.coarse) tp.push_back(s.point.position);
    SinkhornOptions so;
    so.threads = options.threads;
    const TransportResult plan =
        solveTransport(descriptors(src, srcMarks), descriptors(dst, dstMarks), dims, sp, tp, so);
    progress.check();

    // Coarse displacement fields from the plan's barycentres, weighted by transported mass.
    auto coarseField = [&](const std::vector<glm::vec3>& from, const std::vector<glm::vec3>& to,
                           const std::vector<float>& mass, const std::vector<glm::vec3>& marksFrom,
                           const std::vector<glm::vec3>& marksTo) {
      std::vector<glm::vec3> at = from, d(from.size());
      std::vector<float> w(from.size());
      for (std::size_t i = 0; i < from.size(); ++i) {
        d[i] = to[i] - from[i];
        w[i] = std::clamp(mass[i], 0.0f, 1.0f);
      }
      return pinnedField(at, d, w, marksFrom, marksTo);
    };
    const VectorGrid coarseS =
        coarseField(sp, plan.sourceToTarget, plan.sourceMass, srcMarks, dstMarks);
    const VectorGrid coarseT =
        coarseField(tp, plan.targetToSource, plan.targetMass, dstMarks, srcMarks);

    // Fine stage: every full-resolution voxel follows the coarse field, then lands on the surface.
    auto refine = [&](const Endpoint& from, const Endpoint& to, const VectorGrid& coarse,
                      const std::vector<glm::vec3>& marksFrom,
                      const std::vector<glm::vec3>& marksTo) {
      std::vector<glm::vec3> at, guess;
      for (const SurfaceSample& s : from.fine) {
        at.push_back(s.point.position);
        guess.push_back(s.point.position + coarse.sample(s.point.position));
      }
      const std::vector<SurfacePoint> landed = to.query->closest(guess);
      std::vector<glm::vec3> d(at.size());
      std::vector<float> w(at.size(), 1.0f);
      for (std::size_t i = 0; i < at.size(); ++i) d[i] = landed[i].position - at[i];
      return pinnedField(at, d, w, marksFrom, marksTo);
    };
    src.displacement = refine(src, dst, coarseS, srcMarks, dstMarks);
    dst.displacement = refine(dst, src, coarseT, dstMarks, srcMarks);
    addTiming("correspondence", secondsSince(start));
  }

  // Geometry of the frame at s in unit-cube coordinates (no colours).
  TexturedMesh geometryAt(double s) const {
    const auto start = Clock::now();
    ScalarGrid field(spec, 1.0f);
    const int n = spec.points();
    const float a = static_cast<float>(s);
    const bool refine = options.prior && options.priorParts.structure;
    ScalarGrid warpedS, warpedT;  // each endpoint's field pulled to the frame (for the prior)
    if (refine) warpedS = warpedT = ScalarGrid(spec, 1.0f);
    parallelFor(static_cast<std::size_t>(n), options.threads, [&](std::size_t k0, std::size_t k1) {
      for (int k = static_cast<int>(k0); k < static_cast<int>(k1); ++k)
        for (int j = 0; j < n; ++j)
          for (int i = 0; i < n; ++i) {
            const glm::vec3 x = spec.position(i, j, k);
            const glm::vec3 p = pullBack(src.displacement, x, a);
            const glm::vec3 q = pullBack(dst.displacement, x, 1.0f - a);
            const float fs = src.sdf.sample(p), ft = dst.sdf.sample(q);
            field.at(i, j, k) = (1.0f - a) * fs + a * ft;
            if (refine) warpedS.at(i, j, k) = fs, warpedT.at(i, j, k) = ft;
          }
    });
    if (refine) {
      const auto priorStart = Clock::now();
      RefineOptions ro;
      ro.renoise = options.priorRenoise;
      ro.steps = options.priorSteps;
      ro.seed = options.seed;
      refineFrameField(*options.prior, warpedS, warpedT, a, field, ro);
      addTiming("prior", secondsSince(priorStart));
    }
    TexturedMesh mesh = extractZeroSurface(field);
    keepLargestComponents(mesh, std::max(src.components, dst.components));
    addTiming("geometry", secondsSince(start));
    return mesh;
  }

  // Where points of the frame at s (unit-cube coordinates) came from on each endpoint.
  void originsAt(const std::vector<glm::vec3>& points, double s, std::vector<SurfacePoint>& onS,
                 std::vector<SurfacePoint>& onT) const {
    const float a = static_cast<float>(s);
    std::vector<glm::vec3> p(points.size()), q(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
      p[i] = pullBack(src.displacement, points[i], a);
      q[i] = pullBack(dst.displacement, points[i], 1.0f - a);
    }
    onS = src.query->closest(p);
    onT = dst.query->closest(q);
  }

  // Low frequencies blend linearly; detail keeps its contrast (variance-preserving blend).
  static glm::vec4 fuse(const glm::vec4& fs, const glm::vec4& ls, const glm::vec4& ft,
                        const glm::vec4& lt, float a) {
    const float detailNorm = 1.0f / std::sqrt((1.0f - a) * (1.0f - a) + a * a);
    const glm::vec4 low = (1.0f - a) * ls + a * lt;
    const glm::vec4 detail = ((1.0f - a) * (fs - ls) + a * (ft - lt)) * detailNorm;
    glm::vec4 out = glm::clamp(low + detail, glm::vec4(0.0f), glm::vec4(1.0f));
    out.a = 1.0f;
    return out;
  }

  // Fused colours at points of the frame at s (unit-cube coordinates).
  std::vector<glm::vec4> fusedColors(const std::vector<glm::vec3>& points, double s) const {
    std::vector<SurfacePoint> onS, onT;
    originsAt(points, s, onS, onT);
    std::vector<glm::vec4> out(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
      out[i] = fuse(colorAt(src.unit, onS[i]), src.lowColorAt(onS[i]), colorAt(dst.unit, onT[i]),
                    dst.lowColorAt(onT[i]), static_cast<float>(s));
    }
    return out;
  }

  // Fused colours of atlas texels. Inside a triangle whose corners' origins lie in one texture
  // chart on both endpoints, texture coordinates are interpolated from the corners' origins; other
  // texels query their origins one by one.
  std::vector<glm::vec4> texelColors(const TexturedMesh& mesh, const std::vector<Texel>& texels,
                                     double s) const {
    const float a = static_cast<float>(s);
    std::vector<SurfacePoint> vs, vt;
    originsAt(mesh.positions, s, vs, vt);
    std::vector<std::uint8_t> fast(mesh.triangleCount());
    for (std::size_t f = 0; f < fast.size(); ++f) {
      const glm::uvec3 t = mesh.triangles[f];
      fast[f] =
          src.sameChart(vs[t.x], vs[t.y], vs[t.z]) && dst.sameChart(vt[t.x], vt[t.y], vt[t.z]);
    }
    std::vector<glm::vec4> out(texels.size());
    std::vector<std::size_t> slow;
    std::vector<glm::vec3> slowPoints;
    for (std::size_t i = 0; i < texels.size(); ++i) {
      const std::uint32_t f = texels[i].triangle;
      const glm::uvec3 t = mesh.triangles[f];
      const glm::vec3 b = texels[i].barycentric;
      if (!fast[f]) {
        slow.push_back(i);
        slowPoints.push_back(b.x * mesh.positions[t.x] + b.y * mesh.positions[t.y] +
                             b.z * mesh.positions[t.z]);
        continue;
      }
      const glm::vec2 us = b.x * uvAt(src.unit, vs[t.x]) + b.y * uvAt(src.unit, vs[t.y]) +
                           b.z * uvAt(src.unit, vs[t.z]);
      const glm::vec2 ut = b.x * uvAt(dst.unit, vt[t.x]) + b.y * uvAt(dst.unit, vt[t.y]) +
                           b.z * uvAt(dst.unit, vt[t.z]);
      glm::vec4 fs, ls, ft, lt;
      src.colorAtUV(src.unit.materialIds[vs[t.x].triangle], us, fs, ls);
      dst.colorAtUV(dst.unit.materialIds[vt[t.x].triangle], ut, ft, lt);
      out[i] = fuse(fs, ls, ft, lt, a);
    }
    const std::vector<glm::vec4> slowColors = fusedColors(slowPoints, s);
    for (std::size_t k = 0; k < slow.size(); ++k) out[slow[k]] = slowColors[k];
    return out;
  }

  Similarity unitTransformAt(double s) const {
    Similarity t;
    const float a = static_cast<float>(s);
    t.center = (1.0f - a) * src.toUnit.center + a * dst.toUnit.center;
    t.scale = std::exp((1.0f - a) * std::log(src.toUnit.scale) + a * std::log(dst.toUnit.scale));
    return t;
  }
};

MorphSolver::MorphSolver(TexturedMesh source, TexturedMesh target, const MorphOptions& options,
                         const Progress& progress)
    : impl_(std::make_unique<Impl>()) {
  if (options.frames < 2) throw UsageError("a morph needs at least 2 frames");
  if (options.resolution < 8 || options.resolution > 256)
    throw UsageError("resolution must be from 8 to 256");
  Impl& m = *impl_;
  m.options = options;
  if (options.prior) {
    options.prior->require(options.priorParts);
    if (options.priorParts.codec && !options.codec)
      m.options.codec = makeLearnedCodec(options.prior);
  }
  m.options.correspondenceResolution =
      std::min(options.correspondenceResolution, options.resolution);
  m.spec = GridSpec::unitCube(options.resolution, 3);
  m.src.original = std::move(source);
  m.dst.original = std::move(target);
  progress.report(0.0, "fields");
  m.normalise(m.src);
  m.normalise(m.dst);
  if (options.align) {
    progress.report(0.0, "alignment");
    m.alignTarget();
  }
  m.prepareEndpoint(m.src, progress.sub(0.0, 0.3));
  progress.report(0.3, "fields");
  m.prepareEndpoint(m.dst, progress.sub(0.3, 0.6));
  progress.report(0.6, "correspondence");
  m.correspond(progress.sub(0.6, 1.0));
  progress.report(1.0, "correspondence");
}

MorphSolver::~MorphSolver() = default;

const std::vector<MorphFrame>& MorphSolver::frames(const Progress& progress) {
  Impl& m = *impl_;
  if (!m.frames.empty()) return m.frames;
  const int n = m.options.frames;
  std::vector<MorphFrame> frames(n);
  for (int i = 0; i < n; ++i) {
    frames[i].index = i;
    frames[i].t = static_cast<double>(i) / (n - 1);
    frames[i].s = scheduleValue(m.options.schedule, frames[i].t);
  }
  if (m.options.schedule == Schedule::ConstantSpeed && n > 2) {
    const auto start = Clock::now();
    // Arc length along s from symmetric mean distances between meshes at candidate values.
    const int candidates = std::min(65, 2 * (n - 1) + 1);
    std::vector<double> s(candidates), length(candidates, 0.0);
    std::vector<glm::vec3> previous;
    std::unique_ptr<SurfaceQuery> previousQuery;
    TexturedMesh previousMesh;
    for (int c = 0; c < candidates; ++c) {
      progress.check();
      progress.report(static_cast<double>(c) / candidates, "schedule");
      s[c] = static_cast<double>(c) / (candidates - 1);
      TexturedMesh mesh = c == 0                ? m.src.unit
                          : c == candidates - 1 ? m.dst.unit
                                                : m.geometryAt(s[c]);
      std::vector<glm::vec3> points;
      for (const SurfaceSample& p : sampleSurface(mesh, 3000, m.options.seed + c))
        points.push_back(p.point.position);
      auto query = std::make_unique<SurfaceQuery>(mesh, m.options.threads);
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
    if (total > 0.0) {
      for (int i = 1; i + 1 < n; ++i) {
        const double goal = total * frames[i].t;
        const int c =
            static_cast<int>(std::upper_bound(length.begin(), length.end(), goal) - length.begin());
        const int hi = std::clamp(c, 1, candidates - 1), lo = hi - 1;
        const double span = length[hi] - length[lo];
        const double f = span > 0.0 ? (goal - length[lo]) / span : 0.0;
        frames[i].s = s[lo] + f * (s[hi] - s[lo]);
      }
    }
    m.addTiming("schedule", secondsSince(start));
  }
  m.frames = std::move(frames);
  return m.frames;
}

TexturedMesh MorphSolver::meshAt(double s, bool bakeTexture) const {
  const Impl& m = *impl_;
  if (s <= 0.0) return m.src.original;
  if (s >= 1.0) return m.dst.original;
  TexturedMesh mesh = m.geometryAt(s);
  const auto start = Clock::now();
  Material material;
  material.name = "morph";
  if (bakeTexture) {
    const TriangleAtlas atlas = layoutChartAtlas(mesh, m.options.textureSize);
    const std::vector<Texel> texels = atlasTexels(atlas);
    const std::vector<glm::vec4> colors = m.texelColors(mesh, texels, s);
    Image& img = material.baseColorTexture;
    img.width = img.height = atlas.size;
    img.rgba.assign(static_cast<std::size_t>(atlas.size) * atlas.size * 4, 0);
    std::vector<std::uint8_t> covered(static_cast<std::size_t>(atlas.size) * atlas.size, 0);
    for (std::size_t i = 0; i < texels.size(); ++i) {
      const std::size_t px = static_cast<std::size_t>(texels[i].y) * atlas.size + texels[i].x;
      for (int c = 0; c < 4; ++c)
        img.rgba[4 * px + c] = static_cast<std::uint8_t>(colors[i][c] * 255.0f + 0.5f);
      covered[px] = 1;
    }
    dilateImage(img, covered, 3);
    // Texels outside every chart get the mean colour, so mipmaps do not darken chart borders.
    glm::dvec4 mean(0.0);
    for (const glm::vec4& c : colors) mean += glm::dvec4(c);
    mean /= std::max<double>(1.0, static_cast<double>(colors.size()));
    for (std::size_t px = 0; px < covered.size(); ++px) {
      if (covered[px]) continue;
      for (int c = 0; c < 4; ++c)
        img.rgba[4 * px + c] = static_cast<std::uint8_t>(mean[c] * 255.0 + 0.5);
    }
    mesh.cornerUVs = atlas.cornerUVs;
    material.textureSource = "baked";
  } else {
    mesh.vertexColors = m.fusedColors(mesh.positions, s);
  }
  mesh.materials = {material};
  mesh.materialIds.assign(mesh.triangleCount(), 0);
  // Back from the aligned unit cube: undo part s of the alignment, then the interpolated scale.
  const glm::mat3 back =
      glm::transpose(partialRotation(m.alignment.rotation, static_cast<float>(s)));
  for (glm::vec3& p : mesh.positions)
    p = back * (p - static_cast<float>(s) * m.alignment.translation);
  applyInverseSimilarity(mesh, m.unitTransformAt(s));
  computeVertexNormals(mesh);
  m.addTiming("texture", secondsSince(start));
  return mesh;
}

Similarity MorphSolver::unitTransformAt(double s) const {
  return impl_->unitTransformAt(s);
}

std::size_t MorphSolver::latentCells(bool target) const {
  return (target ? impl_->dst : impl_->src).latent.cells.size();
}

const TexturedMesh& MorphSolver::alignedTarget() const {
  return impl_->dst.unit;
}

std::vector<glm::vec3> MorphSolver::correspondingPoints(
    const std::vector<glm::vec3>& sourcePoints) const {
  const Impl& m = *impl_;
  std::vector<glm::vec3> moved(sourcePoints.size());
  for (std::size_t i = 0; i < moved.size(); ++i) {
    const glm::vec3 x = m.src.toUnit.apply(sourcePoints[i]);
    moved[i] = x + m.src.displacement.sample(x);
  }
  const std::vector<SurfacePoint> landed = m.dst.query->closest(moved);
  const glm::mat3 back = glm::transpose(m.alignment.rotation);
  std::vector<glm::vec3> out(landed.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = m.dst.toUnit.invert(back * (landed[i].position - m.alignment.translation));
  }
  return out;
}

const MorphOptions& MorphSolver::options() const {
  return impl_->options;
}

std::string priorSummary(const MorphOptions& options) {
  if (!options.prior || !options.priorParts.any()) return "off";
  return options.prior->file().string() + " (" + options.priorParts.toString() + ")";
}

std::map<std::string, double> MorphSolver::timings() const {
  std::lock_guard<std::mutex> lock(impl_->timingMutex);
  return impl_->timings;
}

}  // namespace interp3d
