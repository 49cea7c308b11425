#include "morph/texture_fusion.h"

#include <algorithm>
#include <cmath>

#include <glm/geometric.hpp>

#include "morph/texture_atlas.h"

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

// Where points of the frame at s came from on each endpoint.
void originsAt(const FusionInputs& in, const std::vector<glm::vec3>& points, double s,
               std::vector<SurfacePoint>& onS, std::vector<SurfacePoint>& onT) {
  const float a = static_cast<float>(s);
  std::vector<glm::vec3> p(points.size()), q(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    p[i] = in.correspondence.sourceOrigin(points[i], a);
    q[i] = in.correspondence.targetOrigin(points[i], a);
  }
  onS = in.sourceQuery.closest(p);
  onT = in.targetQuery.closest(q);
}

// Fused colours of atlas texels. Inside a triangle whose corners' origins lie in one texture
// chart on both endpoints, texture coordinates are interpolated from the corners' origins; other
// texels query their origins one by one.
std::vector<glm::vec4> texelColors(const FusionInputs& in, const TexturedMesh& mesh,
                                   const std::vector<Texel>& texels, double s,
                                   const Progress& progress) {
  const float a = static_cast<float>(s);
  const TexturedMesh &su = in.source.mesh(), &tu = in.target.mesh();
  std::vector<SurfacePoint> vs, vt;
  originsAt(in, mesh.positions, s, vs, vt);
  std::vector<std::uint8_t> fast(mesh.triangleCount());
  for (std::size_t f = 0; f < fast.size(); ++f) {
    const glm::uvec3 t = mesh.triangles[f];
    fast[f] = in.source.sameChart(vs[t.x], vs[t.y], vs[t.z]) &&
              in.target.sameChart(vt[t.x], vt[t.y], vt[t.z]);
  }
  progress.check();
  std::vector<glm::vec4> out(texels.size());
  std::vector<std::size_t> slow;
  std::vector<glm::vec3> slowPoints;
  for (std::size_t i = 0; i < texels.size(); ++i) {
    if ((i & 0xffff) == 0) progress.check();
    const std::uint32_t f = texels[i].triangle;
    const glm::uvec3 t = mesh.triangles[f];
    const glm::vec3 b = texels[i].barycentric;
    if (!fast[f]) {
      slow.push_back(i);
      slowPoints.push_back(b.x * mesh.positions[t.x] + b.y * mesh.positions[t.y] +
                           b.z * mesh.positions[t.z]);
      continue;
    }
    const glm::vec2 us =
        b.x * uvAt(su, vs[t.x]) + b.y * uvAt(su, vs[t.y]) + b.z * uvAt(su, vs[t.z]);
    const glm::vec2 ut =
        b.x * uvAt(tu, vt[t.x]) + b.y * uvAt(tu, vt[t.y]) + b.z * uvAt(tu, vt[t.z]);
    glm::vec4 fs, ls, ft, lt;
    in.source.colorAtUV(su.materialIds[vs[t.x].triangle], us, fs, ls);
    in.target.colorAtUV(tu.materialIds[vt[t.x].triangle], ut, ft, lt);
    out[i] = fuseColors(fs, ls, ft, lt, a);
  }
  progress.check();
  const std::vector<glm::vec4> slowColors = fusedColors(in, slowPoints, s);
  for (std::size_t k = 0; k < slow.size(); ++k) out[slow[k]] = slowColors[k];
  return out;
}

}  // namespace

SurfaceTexture::SurfaceTexture(const TexturedMesh& mesh, const TextureOptions& options)
    : mesh_(&mesh), seamSpread_(options.seamSpread) {
  for (const Material& m : mesh.materials)
    lowTextures_.push_back(lowPass(m.baseColorTexture, options.lowPassFactor));
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
  }
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

bool SurfaceTexture::sameChart(const SurfacePoint& a, const SurfacePoint& b,
                               const SurfacePoint& c) const {
  const TexturedMesh& unit = *mesh_;
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
  return uvSpread <= seamSpread_ * uvPerLength_ * spread + 1e-4f;
}

glm::vec4 SurfaceTexture::lowColorAt(const SurfacePoint& p) const {
  const Material& m = mesh_->materials[mesh_->materialIds[p.triangle]];
  glm::vec4 c = m.baseColorFactor;
  const Image& low = lowTextures_[mesh_->materialIds[p.triangle]];
  if (!low.empty() && mesh_->hasUVs()) c *= low.sample(uvAt(*mesh_, p));
  return c;
}

glm::vec4 fuseColors(const glm::vec4& fs, const glm::vec4& ls, const glm::vec4& ft,
                     const glm::vec4& lt, float a) {
  const float detailNorm = 1.0f / std::sqrt((1.0f - a) * (1.0f - a) + a * a);
  const glm::vec4 low = (1.0f - a) * ls + a * lt;
  const glm::vec4 detail = ((1.0f - a) * (fs - ls) + a * (ft - lt)) * detailNorm;
  glm::vec4 out = glm::clamp(low + detail, glm::vec4(0.0f), glm::vec4(1.0f));
  out.a = 1.0f;
  return out;
}

std::vector<glm::vec4> fusedColors(const FusionInputs& in, const std::vector<glm::vec3>& points,
                                   double s) {
  std::vector<SurfacePoint> onS, onT;
  originsAt(in, points, s, onS, onT);
  std::vector<glm::vec4> out(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    out[i] = fuseColors(colorAt(in.source.mesh(), onS[i]), in.source.lowColorAt(onS[i]),
                        colorAt(in.target.mesh(), onT[i]), in.target.lowColorAt(onT[i]),
                        static_cast<float>(s));
  }
  return out;
}

void bakeFrameTexture(const FusionInputs& in, TexturedMesh& frame, double s,
                      const TextureOptions& options, const Progress& progress) {
  const TriangleAtlas atlas = layoutChartAtlas(frame, options.size);
  const std::vector<Texel> texels = atlasTexels(atlas);
  progress.check();
  const std::vector<glm::vec4> colors = texelColors(in, frame, texels, s, progress);
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
  dilateImage(img, covered, options.dilationRings);
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

}  // namespace interp3d
