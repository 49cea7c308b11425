#include "morph/texture_fusion.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include <glm/geometric.hpp>
#include <glm/gtc/type_precision.hpp>

#include "geometry/surface_sampling.h"
#include "morph/texture_atlas.h"
#include "util/error.h"
#include "util/parallel.h"

namespace interp3d {

namespace {

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

// Texels off the fast path share one query per 2 x 2 block of one triangle: a texel's colour is
// read at most a texel away, where the query does most of the work (one closest point each).
// `keys` are (triangle, block) of each texel; the result has one point per block, made by
// `pointOf(i)` from its first texel i, and `slot` gives every texel its block's point.
template <class PointOf>
std::vector<glm::vec3> blockPoints(const std::vector<std::uint64_t>& keys, PointOf pointOf,
                                   std::vector<std::size_t>& slot) {
  std::unordered_map<std::uint64_t, std::size_t> first;  // key -> its point
  first.reserve(keys.size() / 2);
  std::vector<glm::vec3> points;
  slot.resize(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const auto [at, added] = first.emplace(keys[i], points.size());
    if (added) points.push_back(pointOf(i));
    slot[i] = at->second;
  }
  return points;
}

// The area of triangle f in texture space.
double uvArea(const std::vector<glm::vec2>& cornerUVs, std::size_t f) {
  const glm::vec2 a = cornerUVs[3 * f], b = cornerUVs[3 * f + 1], c = cornerUVs[3 * f + 2];
  return 0.5 * std::fabs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y));
}

std::uint64_t blockKey(std::uint32_t triangle, int x, int y) {
  return (std::uint64_t(triangle) << 28) | (std::uint64_t((y / 2) & 0x3fff) << 14) |
         std::uint64_t((x / 2) & 0x3fff);
}

// Where points of the frame at s came from on each endpoint.
void originsAt(const FusionInputs& in, const std::vector<glm::vec3>& points,
               std::vector<SurfacePoint>& onS, std::vector<SurfacePoint>& onT) {
  std::vector<glm::vec3> p(points.size()), q(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    p[i] = in.warp.sourceOrigin(points[i]);
    q[i] = in.warp.targetOrigin(points[i]);
  }
  onS = in.sourceQuery.closest(p);
  onT = in.targetQuery.closest(q);
}

// Fused colours of atlas texels. Inside a triangle whose corners' origins lie in one texture
// chart of an endpoint, that endpoint's texture coordinates are interpolated from the corners'
// origins; texels of triangles across one of its seams query their origins on it, one per 2 x 2
// block (the other endpoint's colours are still interpolated where they can be).
std::vector<glm::vec4> texelColors(const FusionInputs& in, const TexturedMesh& mesh,
                                   const std::vector<Texel>& texels, double s, int threads,
                                   const Progress& progress) {
  const float a = static_cast<float>(s);
  const TexturedMesh &su = in.source.mesh(), &tu = in.target.mesh();
  std::vector<SurfacePoint> vs, vt;
  originsAt(in, mesh.positions, vs, vt);
  // Per triangle: bit 0 set when the source's colours can be interpolated, bit 1 the target's.
  std::vector<std::uint8_t> fast(mesh.triangleCount());
  for (std::size_t f = 0; f < fast.size(); ++f) {
    const glm::uvec3 t = mesh.triangles[f];
    fast[f] = static_cast<std::uint8_t>(in.source.sameChart(vs[t.x], vs[t.y], vs[t.z]) |
                                        in.target.sameChart(vt[t.x], vt[t.y], vt[t.z]) << 1);
  }
  progress.check();
  // Full and low colours of each endpoint; of texels off the fast path on either, kept for after.
  struct Colours {
    glm::vec4 full, low;
  };
  auto interpolated = [&](const SurfaceTexture& input, const TexturedMesh& unit,
                          const std::vector<SurfacePoint>& corners, const glm::uvec3& t,
                          const glm::vec3& b) {
    const glm::vec2 uv = b.x * uvAt(unit, corners[t.x]) + b.y * uvAt(unit, corners[t.y]) +
                         b.z * uvAt(unit, corners[t.z]);
    Colours c;
    input.colorAtUV(unit.materialIds[corners[t.x].triangle], uv, c.full, c.low);
    return c;
  };
  std::vector<glm::vec4> out(texels.size());
  std::vector<std::size_t> slow;  // texels off the fast path on either endpoint, in texel order
  for (std::size_t i = 0; i < texels.size(); ++i)
    if (fast[texels[i].triangle] != 3) slow.push_back(i);
  std::vector<Colours> slowSource(slow.size()), slowTarget(slow.size());
  parallelFor(texels.size(), threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      if ((i & 0xffff) == 0 && progress.cancelled()) return;
      const std::uint32_t f = texels[i].triangle;
      if (fast[f] != 3) continue;
      const glm::uvec3 t = mesh.triangles[f];
      const glm::vec3 b = texels[i].barycentric;
      const Colours cs = interpolated(in.source, su, vs, t, b);
      const Colours ct = interpolated(in.target, tu, vt, t, b);
      out[i] = fuseColors(cs.full, cs.low, ct.full, ct.low, a);
    }
  });
  progress.check();
  parallelFor(slow.size(), threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t k = begin; k < end; ++k) {
      const Texel& texel = texels[slow[k]];
      const glm::uvec3 t = mesh.triangles[texel.triangle];
      if (fast[texel.triangle] & 1)
        slowSource[k] = interpolated(in.source, su, vs, t, texel.barycentric);
      if (fast[texel.triangle] & 2)
        slowTarget[k] = interpolated(in.target, tu, vt, t, texel.barycentric);
    }
  });
  // The others' origins, one closest point per 2 x 2 block of a triangle's texels.
  auto queried = [&](int bit, const SurfaceTexture& input, const SurfaceQuery& query,
                     std::vector<Colours>& colours) {
    std::vector<std::size_t> which;  // indices into `slow`
    std::vector<std::uint64_t> keys;
    for (std::size_t k = 0; k < slow.size(); ++k) {
      const Texel& texel = texels[slow[k]];
      if (fast[texel.triangle] & bit) continue;
      which.push_back(k);
      keys.push_back(blockKey(texel.triangle, texel.x, texel.y));
    }
    std::vector<std::size_t> slot;
    const std::vector<glm::vec3> origins = blockPoints(
        keys,
        [&](std::size_t j) {
          const Texel& texel = texels[slow[which[j]]];
          const glm::uvec3 t = mesh.triangles[texel.triangle];
          const glm::vec3 b = texel.barycentric;
          const glm::vec3 point =
              b.x * mesh.positions[t.x] + b.y * mesh.positions[t.y] + b.z * mesh.positions[t.z];
          return bit == 1 ? in.warp.sourceOrigin(point) : in.warp.targetOrigin(point);
        },
        slot);
    const std::vector<SurfacePoint> on = query.closest(origins, &progress);
    std::vector<Colours> read(on.size());
    for (std::size_t o = 0; o < on.size(); ++o)
      read[o] = {colorAt(input.mesh(), on[o]), input.lowColorAt(on[o])};
    for (std::size_t j = 0; j < which.size(); ++j) colours[which[j]] = read[slot[j]];
  };
  queried(1, in.source, in.sourceQuery, slowSource);
  queried(2, in.target, in.targetQuery, slowTarget);
  for (std::size_t k = 0; k < slow.size(); ++k)
    out[slow[k]] =
        fuseColors(slowSource[k].full, slowSource[k].low, slowTarget[k].full, slowTarget[k].low, a);
  return out;
}

}  // namespace

namespace {

// `image` magnified `scale` times (bilinear).
Image magnified(const Image& image, int scale) {
  Image out;
  out.width = image.width * scale;
  out.height = image.height * scale;
  out.rgba.resize(static_cast<std::size_t>(out.width) * out.height * 4);
  for (int y = 0; y < out.height; ++y)
    for (int x = 0; x < out.width; ++x) {
      const glm::vec2 uv((x + 0.5f) / out.width, 1.0f - (y + 0.5f) / out.height);
      const glm::vec4 c = image.sample(uv);
      for (int k = 0; k < 4; ++k)
        out.rgba[4 * (static_cast<std::size_t>(y) * out.width + x) + k] =
            static_cast<std::uint8_t>(std::clamp(c[k], 0.0f, 1.0f) * 255.0f + 0.5f);
    }
  return out;
}

}  // namespace

SurfaceTexture::SurfaceTexture(const TexturedMesh& mesh, const TextureOptions& options, int magnify)
    : mesh_(&mesh), seamSpread_(options.seamSpread) {
  for (const Material& m : mesh.materials) {
    lowTextures_.push_back(lowPass(m.baseColorTexture, options.lowPassFactor));
    if (magnify > 1) magnified_.push_back(magnified(m.baseColorTexture, magnify));
  }
  if (mesh.hasUVs()) {
    std::vector<float> ratios;
    for (std::size_t f = 0; f < mesh.triangles.size(); ++f) {
      const glm::uvec3 t = mesh.triangles[f];
      const float len = glm::distance(mesh.positions[t.x], mesh.positions[t.y]);
      if (len > 0.0f)
        ratios.push_back(glm::distance(mesh.cornerUVs[3 * f], mesh.cornerUVs[3 * f + 1]) / len);
    }
    if (!ratios.empty()) {
      std::nth_element(ratios.begin(), ratios.begin() + ratios.size() / 2, ratios.end());
      uvPerLength_ = ratios[ratios.size() / 2];
    }
    // Charts: a seam between two charts packed side by side in the texture is not far across it
    // (the spread alone let a triangle's texels read the texture between them).
    chart_ = textureCharts(mesh);
  }
  texelDensity_ = meanTexelDensity(mesh);
}

void SurfaceTexture::colorAtUV(std::uint32_t material, const glm::vec2& uv, glm::vec4& full,
                               glm::vec4& low) const {
  const Material& m = mesh_->materials[material];
  full = low = m.baseColorFactor;
  if (!m.baseColorTexture.empty() && mesh_->hasUVs()) {
    full *= m.baseColorTexture.sample(uv);
    low *= lowTextures_[material].sample(uv);
  }
}

glm::vec4 SurfaceTexture::lowColorAtUV(std::uint32_t material, const glm::vec2& uv) const {
  const Material& m = mesh_->materials[material];
  if (m.baseColorTexture.empty() || !mesh_->hasUVs()) return m.baseColorFactor;
  return m.baseColorFactor * lowTextures_[material].sample(uv);
}

bool SurfaceTexture::sameChart(const SurfacePoint& a, const SurfacePoint& b,
                               const SurfacePoint& c) const {
  const TexturedMesh& unit = *mesh_;
  if (!unit.vertexColors.empty()) return false;
  const std::uint32_t m = unit.materialIds[a.triangle];
  if (unit.materialIds[b.triangle] != m || unit.materialIds[c.triangle] != m) return false;
  if (unit.materials[m].baseColorTexture.empty() || !unit.hasUVs()) return true;
  const std::uint32_t chart = chart_[a.triangle];
  if (chart_[b.triangle] != chart || chart_[c.triangle] != chart) return false;
  const glm::vec2 ua = uvAt(unit, a), ub = uvAt(unit, b), uc = uvAt(unit, c);
  const float uvSpread =
      std::max({glm::distance(ua, ub), glm::distance(ub, uc), glm::distance(ua, uc)});
  const float spread =
      std::max({glm::distance(a.position, b.position), glm::distance(b.position, c.position),
                glm::distance(a.position, c.position)});
  return uvSpread <= seamSpread_ * uvPerLength_ * spread + 1e-4f;
}

glm::vec4 SurfaceTexture::lowColorAt(const SurfacePoint& p) const {
  const Material& m = mesh_->materials[mesh_->materialIds[p.triangle]];
  glm::vec4 c = m.baseColorFactor;
  const Image& low = lowTextures_[mesh_->materialIds[p.triangle]];
  if (!low.empty() && mesh_->hasUVs()) c *= low.sample(uvAt(*mesh_, p));
  return c;
}

namespace {
// 0 before s = 0.5 - half, 1 after s = 0.5 + half, smooth between.
float switchWeight(float s, float half) {
  const float x = std::clamp((s - 0.5f) / (2.0f * half) + 0.5f, 0.0f, 1.0f);
  return x * x * (3.0f - 2.0f * x);
}
}  // namespace

float detailWeight(float s) {
  return switchWeight(s, kDetailSwitch);
}

float colourWeight(float s) {
  return switchWeight(s, kColourSwitch);
}

glm::vec4 fuseColors(const glm::vec4& fs, const glm::vec4& ls, const glm::vec4& ft,
                     const glm::vec4& lt, float a) {
  const float d = detailWeight(a);
  const float detailNorm = 1.0f / std::sqrt((1.0f - d) * (1.0f - d) + d * d);
  const float c = colourWeight(a);
  const glm::vec4 low = (1.0f - c) * ls + c * lt;
  const glm::vec4 ds = fs - ls, dt = ft - lt;
  glm::vec4 detail = ((1.0f - d) * ds + d * dt) * detailNorm;
  // The norm keeps the contrast of two unrelated details; where they agree (a mesh morphed into
  // itself, or into a copy) it would raise it by up to a half: never more than either has (the
  // colour scaled as a whole, so its hue stays).
  const float most = std::max(glm::length(glm::vec3(ds)), glm::length(glm::vec3(dt)));
  const float length = glm::length(glm::vec3(detail));
  if (length > most) detail *= most / length;
  glm::vec4 out = glm::clamp(low + detail, glm::vec4(0.0f), glm::vec4(1.0f));
  out.a = 1.0f;
  return out;
}

namespace {
// Both inputs' colours, full and low-passed, at known surface points of each.
PointColors colorsAt(const FusionInputs& in, const std::vector<SurfacePoint>& onS,
                     const std::vector<SurfacePoint>& onT) {
  PointColors c;
  for (std::size_t i = 0; i < onS.size(); ++i) {
    c.sourceFull.push_back(colorAt(in.source.mesh(), onS[i]));
    c.sourceLow.push_back(in.source.lowColorAt(onS[i]));
    c.targetFull.push_back(colorAt(in.target.mesh(), onT[i]));
    c.targetLow.push_back(in.target.lowColorAt(onT[i]));
  }
  return c;
}
}  // namespace

std::vector<glm::vec4> fusedColors(const FusionInputs& in, const std::vector<glm::vec3>& points,
                                   double s) {
  std::vector<SurfacePoint> onS, onT;
  originsAt(in, points, onS, onT);
  return fusePointColors(colorsAt(in, onS, onT), s);
}

PointColors pointColors(const FusionInputs& in, const std::vector<glm::vec3>& sourcePoints,
                        const std::vector<glm::vec3>& targetPoints) {
  return colorsAt(in, in.sourceQuery.closest(sourcePoints), in.targetQuery.closest(targetPoints));
}

std::vector<glm::vec4> fusePointColors(const PointColors& c, double s) {
  std::vector<glm::vec4> out(c.sourceFull.size());
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = fuseColors(c.sourceFull[i], c.sourceLow[i], c.targetFull[i], c.targetLow[i],
                        static_cast<float>(s));
  return out;
}

void bakeFrameTexture(const FusionInputs& in, TexturedMesh& frame, double s,
                      const TextureOptions& options, int threads, const Progress& progress,
                      const std::vector<glm::vec3>* layoutAt) {
  TexturedMesh there;  // the triangles where the atlas is laid out
  if (layoutAt) {
    INTERP3D_CHECK(layoutAt->size() == frame.positions.size(),
                   "an atlas's layout places " << layoutAt->size() << " vertices of a mesh with "
                                               << frame.positions.size());
    there.positions = *layoutAt;
    there.triangles = frame.triangles;
  }
  const TexturedMesh& layoutMesh = layoutAt ? there : frame;
  constexpr int kLayoutSide = 1024;
  TriangleAtlas atlas = layoutChartAtlas(
      layoutMesh, options.size > 0 ? std::max(16, options.size) : kLayoutSide, threads);
  int rings = options.dilationRings;
  if (options.size <= 0) {
    // As dense as the denser input: the layout (its charts' shapes and places) stays, scaled; a
    // smaller texture is laid out again, so that its gutters stay whole texels wide. The texels
    // the layout covers are its charts' area in the texture.
    const double density = std::max(in.source.texelDensity(), in.target.texelDensity());
    double charts = 0.0;
    for (std::size_t f = 0; f < layoutMesh.triangleCount(); ++f)
      charts += uvArea(atlas.cornerUVs, f);
    const auto covered = static_cast<std::size_t>(charts * kLayoutSide * kLayoutSide);
    const int side = density > 0.0
                         ? atlasSizeFor(density, surfaceArea(layoutMesh), covered, kLayoutSide)
                         : kLayoutSide;
    if (side < kLayoutSide) atlas = layoutChartAtlas(layoutMesh, side, threads);
    atlas.size = side;
    // (A layout scaled up has its gutters scaled too: the colour grows as far across them.)
    rings = options.dilationRings * std::max(1, side / kLayoutSide);
  }
  const std::vector<Texel> texels = atlasTexels(atlas);
  progress.check();
  const std::vector<glm::vec4> colors = texelColors(in, frame, texels, s, threads, progress);
  Material& material = frame.materials.at(0);
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
  dilateImage(img, covered, rings);
  // Texels outside every chart get the mean colour, so mipmaps do not darken chart borders.
  glm::dvec4 mean(0.0);
  for (const glm::vec4& c : colors) mean += glm::dvec4(c);
  mean /= std::max<double>(1.0, static_cast<double>(colors.size()));
  for (std::size_t px = 0; px < covered.size(); ++px) {
    if (covered[px]) continue;
    for (int c = 0; c < 4; ++c)
      img.rgba[4 * px + c] = static_cast<std::uint8_t>(mean[c] * 255.0 + 0.5);
  }
  frame.cornerUVs = atlas.cornerUVs;
  material.textureSource = "baked";
}

const Image& SurfaceTexture::bakeTexture(std::uint32_t material) const {
  return magnified_.empty() ? mesh_->materials[material].baseColorTexture : magnified_[material];
}

bool hasOwnLayout(const TexturedMesh& mesh) {
  if (!mesh.hasUVs() || mesh.materials.empty() || !mesh.vertexColors.empty()) return false;
  for (const Material& m : mesh.materials)
    if (m.baseColorTexture.empty()) return false;
  return true;
}

namespace {

// Texels covered by triangle f of `mesh` (0 when it has none).
double texelsOf(const TexturedMesh& mesh, std::size_t f) {
  const Image& image = mesh.materials[mesh.materialIds[f]].baseColorTexture;
  if (image.empty()) return 0.0;
  return uvArea(mesh.cornerUVs, f) * image.width * image.height;
}

double areaOf(const std::vector<glm::vec3>& p, const glm::uvec3& t) {
  return 0.5 * glm::length(glm::cross(p[t.y] - p[t.x], p[t.z] - p[t.x]));
}

// Texels per unit of surface area of triangle f of `mesh` at positions `p` (0 when it has none).
double texelDensity(const TexturedMesh& mesh, const std::vector<glm::vec3>& p, std::size_t f) {
  const double area = areaOf(p, mesh.triangles[f]);
  return area > 0.0 ? texelsOf(mesh, f) / area : 0.0;
}

}  // namespace

double meanTexelDensity(const TexturedMesh& mesh) {
  if (!mesh.hasUVs() || !mesh.hasTexture()) return 0.0;
  // Per material: UVs that repeat a texture (tiling) or overlap show its texels more than once,
  // so no material counts more texels than its texture has.
  std::vector<double> texels(mesh.materials.size(), 0.0);
  double area = 0.0;
  for (std::size_t f = 0; f < mesh.triangleCount(); ++f) {
    const double t = texelsOf(mesh, f);
    if (t <= 0.0) continue;
    texels[mesh.materialIds[f]] += t;
    area += areaOf(mesh.positions, mesh.triangles[f]);
  }
  double total = 0.0;
  for (std::size_t m = 0; m < texels.size(); ++m) {
    const Image& image = mesh.materials[m].baseColorTexture;
    total += std::min(texels[m], static_cast<double>(image.width) * image.height);
  }
  return area > 0.0 ? total / area : 0.0;
}

int atlasSizeFor(double density, double area, std::size_t covered, int side) {
  const double needed =
      covered > 0 ? side * std::sqrt(density * area / static_cast<double>(covered)) : 0.0;
  int size = 256;
  while (size < 4096 && size < needed) size *= 2;
  return size;
}

int layoutScale(const TexturedMesh& frame, const std::vector<glm::vec3>& onOther,
                const TexturedMesh& other, const SurfaceQuery& otherQuery, int most) {
  if (!hasOwnLayout(frame) || !other.hasUVs() || !other.hasTexture()) return 1;
  std::vector<glm::vec3> middles(frame.triangles.size());
  for (std::size_t f = 0; f < middles.size(); ++f) {
    const glm::uvec3 t = frame.triangles[f];
    middles[f] = (onOther[t.x] + onOther[t.y] + onOther[t.z]) / 3.0f;
  }
  const std::vector<SurfacePoint> there = otherQuery.closest(middles);
  // Per triangle: its texels per length over the other's where it lies, weighted by its area.
  std::vector<std::pair<double, double>> ratios;
  double total = 0.0;
  for (std::size_t f = 0; f < middles.size(); ++f) {
    const double own = texelDensity(frame, onOther, f);
    const double theirs = texelDensity(other, other.positions, there[f].triangle);
    if (own <= 0.0 || theirs <= 0.0) continue;
    const glm::uvec3 t = frame.triangles[f];
    const double area =
        glm::length(glm::cross(onOther[t.y] - onOther[t.x], onOther[t.z] - onOther[t.x]));
    ratios.emplace_back(std::sqrt(own / theirs), area);
    total += area;
  }
  if (ratios.empty() || total <= 0.0) return 1;
  std::sort(ratios.begin(), ratios.end());
  double median = ratios.back().first, seen = 0.0;
  for (const auto& [ratio, area] : ratios)
    if ((seen += area) >= 0.5 * total) {
      median = ratio;
      break;
    }
  int largest = 0;
  for (const Material& m : frame.materials)
    largest = std::max({largest, m.baseColorTexture.width, m.baseColorTexture.height});
  int scale = 1;
  while (scale < 4 && median * scale < 1.0 && largest * scale * 2 <= most) scale *= 2;
  return scale;
}

void bakeOwnLayout(const FusionInputs& in, TexturedMesh& frame, bool fromTarget, double s,
                   int threads, const Progress& progress, const std::vector<glm::vec3>* onOther) {
  const SurfaceTexture& own = fromTarget ? in.target : in.source;
  const SurfaceTexture& other = fromTarget ? in.source : in.target;
  const SurfaceQuery& otherQuery = fromTarget ? in.sourceQuery : in.targetQuery;
  const TexturedMesh& input = own.mesh();
  const float a = static_cast<float>(s);
  // The other input's share of colour and detail below what 8 bits show (the frames next to an
  // end): every texel would be the input's own, so its textures are kept as they are.
  const float otherShare = fromTarget ? 1.0f - std::min(colourWeight(a), detailWeight(a))
                                      : std::max(colourWeight(a), detailWeight(a));
  if (otherShare < 0.5f / 255.0f) return;
  // Where each frame vertex came from on the other input, and whether each triangle's texels can
  // read the other input at interpolated texture coordinates.
  std::vector<glm::vec3> origins(frame.positions.size());
  for (std::size_t v = 0; v < origins.size(); ++v)
    origins[v] = onOther      ? (*onOther)[v]
                 : fromTarget ? in.warp.sourceOrigin(frame.positions[v])
                              : in.warp.targetOrigin(frame.positions[v]);
  // A texel's point: on the other input when its places are given, else in the frame.
  const std::vector<glm::vec3>& pointsOf = onOther ? *onOther : frame.positions;
  const std::vector<SurfacePoint> corner = otherQuery.closest(origins);
  const TexturedMesh& otherMesh = other.mesh();
  std::vector<std::uint8_t> fast(frame.triangleCount());
  for (std::size_t f = 0; f < fast.size(); ++f) {
    const glm::uvec3 t = frame.triangles[f];
    fast[f] = other.sameChart(corner[t.x], corner[t.y], corner[t.z]);
  }
  progress.check();
  for (std::size_t m = 0; m < frame.materials.size(); ++m) {
    const Image& source = own.bakeTexture(static_cast<std::uint32_t>(m));
    Image baked = source;
    const int w = source.width, hgt = source.height;
    // Texels of every triangle of this material, in pixel coordinates (UVs may wrap).
    std::vector<std::uint32_t> triangles;
    for (std::size_t f = 0; f < frame.triangleCount(); ++f)
      if (frame.materialIds[f] == m) triangles.push_back(static_cast<std::uint32_t>(f));
    // Each thread fills one band of the image's rows, every triangle clipped to it, in triangle
    // order (so where UVs overlap, the last triangle's colour wins, as on one thread), and keeps
    // the texels across the other input's seams, (pixel, point), for after.
    struct SlowTexel {
      std::size_t pixel;
      glm::vec3 point;
      std::uint64_t key;
    };
    const std::size_t bands = static_cast<std::size_t>(std::max(1, threads));
    std::vector<std::vector<SlowTexel>> slowBands(bands);
    std::vector<std::uint8_t> covered(static_cast<std::size_t>(w) * hgt, 0);
    const glm::vec4 factor = input.materials[m].baseColorFactor;
    parallelFor(bands, threads, [&](std::size_t bandBegin, std::size_t bandEnd) {
      for (std::size_t band = bandBegin; band < bandEnd; ++band) {
        const int rowBegin = static_cast<int>(band * hgt / bands);
        const int rowEnd = static_cast<int>((band + 1) * hgt / bands);
        std::vector<SlowTexel>& slow = slowBands[band];
        for (std::size_t ti = 0; ti < triangles.size(); ++ti) {
          if ((ti & 1023) == 0 && progress.cancelled()) return;
          const std::uint32_t f = triangles[ti];
          const glm::uvec3 t = frame.triangles[f];
          glm::vec2 px[3];
          for (int k = 0; k < 3; ++k) {
            const glm::vec2 uv = frame.cornerUVs[3 * f + k];
            px[k] = glm::vec2(uv.x * w, (1.0f - uv.y) * hgt);
          }
          const float area =
              (px[1].x - px[0].x) * (px[2].y - px[0].y) - (px[2].x - px[0].x) * (px[1].y - px[0].y);
          if (std::fabs(area) < 1e-12f) continue;
          const int x0 = static_cast<int>(std::floor(std::min({px[0].x, px[1].x, px[2].x})));
          const int x1 = static_cast<int>(std::ceil(std::max({px[0].x, px[1].x, px[2].x})));
          const int y0 = static_cast<int>(std::floor(std::min({px[0].y, px[1].y, px[2].y})));
          const int y1 = static_cast<int>(std::ceil(std::max({px[0].y, px[1].y, px[2].y})));
          if (x1 - x0 > 4 * w || y1 - y0 > 4 * hgt) continue;  // a triangle across many repeats
          for (int y = y0; y <= y1; ++y) {
            const int wy = y >= 0 && y < hgt ? y : ((y % hgt) + hgt) % hgt;  // UVs may wrap
            if (wy < rowBegin || wy >= rowEnd) continue;
            for (int x = x0; x <= x1; ++x) {
              const glm::vec2 c(x + 0.5f, y + 0.5f);
              const float w1 =
                  ((c.x - px[0].x) * (px[2].y - px[0].y) - (px[2].x - px[0].x) * (c.y - px[0].y)) /
                  area;
              const float w2 =
                  ((px[1].x - px[0].x) * (c.y - px[0].y) - (c.x - px[0].x) * (px[1].y - px[0].y)) /
                  area;
              const float w0 = 1.0f - w1 - w2;
              if (w0 < -1e-4f || w1 < -1e-4f || w2 < -1e-4f) continue;
              const int wx = x >= 0 && x < w ? x : ((x % w) + w) % w;
              const std::size_t pixel = static_cast<std::size_t>(wy) * w + wx;
              if (!fast[f]) {
                const glm::vec3 b3(w0, w1, w2);
                slow.push_back({pixel,
                                b3.x * pointsOf[t.x] + b3.y * pointsOf[t.y] + b3.z * pointsOf[t.z],
                                blockKey(f, wx, wy)});
                continue;
              }
              const glm::vec2 uv((wx + 0.5f) / w, 1.0f - (wy + 0.5f) / hgt);
              const glm::vec4 ownLow = own.lowColorAtUV(static_cast<std::uint32_t>(m), uv);
              const std::uint8_t* texel = &source.rgba[4 * pixel];
              const glm::vec4 ownFull =
                  factor * glm::vec4(texel[0], texel[1], texel[2], texel[3]) / 255.0f;
              const glm::vec2 otherUV = w0 * uvAt(otherMesh, corner[t.x]) +
                                        w1 * uvAt(otherMesh, corner[t.y]) +
                                        w2 * uvAt(otherMesh, corner[t.z]);
              glm::vec4 otherFull, otherLow;
              other.colorAtUV(otherMesh.materialIds[corner[t.x].triangle], otherUV, otherFull,
                              otherLow);
              const glm::vec4 fused = fromTarget
                                          ? fuseColors(otherFull, otherLow, ownFull, ownLow, a)
                                          : fuseColors(ownFull, ownLow, otherFull, otherLow, a);
              const glm::u8vec4 colour(fused * 255.0f + 0.5f);
              for (int k = 0; k < 4; ++k) baked.rgba[4 * pixel + k] = colour[k];
              covered[pixel] = 1;
            }
          }
        }
      }
    });
    std::vector<SlowTexel> slowTexels;
    for (const std::vector<SlowTexel>& band : slowBands)
      slowTexels.insert(slowTexels.end(), band.begin(), band.end());
    progress.check();
    // Texels across the other input's seams: their origins one by one.
    const auto& slow = slowTexels;
    std::vector<std::uint64_t> keys(slow.size());
    for (std::size_t i = 0; i < slow.size(); ++i) keys[i] = slow[i].key;
    std::vector<std::size_t> slot;
    const std::vector<glm::vec3> points = blockPoints(
        keys,
        [&](std::size_t i) {
          return onOther      ? slow[i].point
                 : fromTarget ? in.warp.sourceOrigin(slow[i].point)
                              : in.warp.targetOrigin(slow[i].point);
        },
        slot);
    const std::vector<SurfacePoint> leaders = otherQuery.closest(points);
    for (std::size_t i = 0; i < slow.size(); ++i) {
      const SurfacePoint& otherPoint = leaders[slot[i]];
      const std::size_t pixel = slow[i].pixel;
      const int wx = static_cast<int>(pixel % w), wy = static_cast<int>(pixel / w);
      const glm::vec2 uv((wx + 0.5f) / w, 1.0f - (wy + 0.5f) / hgt);
      const glm::vec4 ownLow = own.lowColorAtUV(static_cast<std::uint32_t>(m), uv);
      const std::uint8_t* texel = &source.rgba[4 * pixel];
      const glm::vec4 ownFull = factor * glm::vec4(texel[0], texel[1], texel[2], texel[3]) / 255.0f;
      const glm::vec4 otherFull = colorAt(otherMesh, otherPoint);
      const glm::vec4 otherLow = other.lowColorAt(otherPoint);
      const glm::vec4 fused = fromTarget ? fuseColors(otherFull, otherLow, ownFull, ownLow, a)
                                         : fuseColors(ownFull, ownLow, otherFull, otherLow, a);
      for (int k = 0; k < 4; ++k)
        baked.rgba[4 * pixel + k] = static_cast<std::uint8_t>(fused[k] * 255.0f + 0.5f);
      covered[pixel] = 1;
    }
    // The fused colours grow a few texels beyond every chart, so filtering at a chart's border
    // never mixes in the input's unfused colour.
    // (Four of the input's own texels, however much larger the bake is.)
    const int magnification =
        std::max(1, w / std::max(1, input.materials[m].baseColorTexture.width));
    dilateImage(baked, covered, 4 * magnification);
    frame.materials[m].baseColorTexture = std::move(baked);
    frame.materials[m].baseColorFactor = glm::vec4(1.0f);
    frame.materials[m].textureSource = "baked";
  }
}

}  // namespace interp3d
