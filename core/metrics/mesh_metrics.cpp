#include "metrics/mesh_metrics.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include <glm/geometric.hpp>

#include "geometry/surface_query.h"
#include "geometry/surface_sampling.h"

namespace interp3d {

namespace {
std::vector<glm::vec3> positionsOf(const std::vector<SurfaceSample>& s) {
  std::vector<glm::vec3> p(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) p[i] = s[i].point.position;
  return p;
}

float linearize(float c) {
  return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
}
}  // namespace

glm::vec3 srgbToLab(const glm::vec3& rgb) {
  const float r = linearize(rgb.r), g = linearize(rgb.g), b = linearize(rgb.b);
  const float x = (0.4124f * r + 0.3576f * g + 0.1805f * b) / 0.95047f;
  const float y = 0.2126f * r + 0.7152f * g + 0.0722f * b;
  const float z = (0.0193f * r + 0.1192f * g + 0.9505f * b) / 1.08883f;
  auto f = [](float t) { return t > 0.008856f ? std::cbrt(t) : 7.787f * t + 16.0f / 116.0f; };
  return {116.0f * f(y) - 16.0f, 500.0f * (f(x) - f(y)), 200.0f * (f(y) - f(z))};
}

SurfaceDistance surfaceDistance(const TexturedMesh& a, const TexturedMesh& b, std::size_t samples,
                                std::uint32_t seed) {
  const SurfaceQuery qa(a), qb(b);
  return surfaceDistance(a, qa, b, qb, samples, seed);
}

SurfaceDistance surfaceDistance(const TexturedMesh& a, const SurfaceQuery& qa,
                                const TexturedMesh& b, const SurfaceQuery& qb, std::size_t samples,
                                std::uint32_t seed) {
  SurfaceDistance d;
  const std::vector<float> ab = qb.distance(positionsOf(sampleSurface(a, samples, seed)));
  const std::vector<float> ba = qa.distance(positionsOf(sampleSurface(b, samples, seed + 1)));
  for (float v : ab) d.meanAtoB += v, d.maxAtoB = std::max<double>(d.maxAtoB, v);
  for (float v : ba) d.meanBtoA += v, d.maxBtoA = std::max<double>(d.maxBtoA, v);
  d.meanAtoB /= std::max<std::size_t>(1, ab.size());
  d.meanBtoA /= std::max<std::size_t>(1, ba.size());
  return d;
}

double meanColorDifference(const TexturedMesh& a, const TexturedMesh& b, std::size_t samples,
                           std::uint32_t seed) {
  return meanColorDifference(a, b, SurfaceQuery(b), samples, seed);
}

double meanColorDifference(const TexturedMesh& a, const TexturedMesh& b, const SurfaceQuery& qb,
                           std::size_t samples, std::uint32_t seed) {
  const std::vector<SurfaceSample> s = sampleSurface(a, samples, seed);
  const std::vector<SurfacePoint> onB = qb.closest(positionsOf(s));
  double sum = 0.0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const glm::vec3 la = srgbToLab(glm::vec3(colorAt(a, s[i].point))),
                    lb = srgbToLab(glm::vec3(colorAt(b, onB[i])));
    sum += glm::distance(la, lb);
  }
  return s.empty() ? 0.0 : sum / s.size();
}

double meanColorGradient(const TexturedMesh& mesh, const SurfaceColorFn& color, std::size_t samples,
                         std::uint32_t seed) {
  const float h = 0.002f * boundingBox(mesh.positions).diagonal();
  const std::vector<SurfaceSample> s = sampleSurface(mesh, samples, seed);
  // Three points per sample: the sample and steps along two tangent directions, kept inside the
  // triangle (stepping backwards when forwards leaves it) so charts' borders are never read.
  std::vector<std::uint32_t> tris;
  std::vector<glm::vec2> bary;
  std::vector<glm::vec3> pos;
  std::vector<float> step;
  for (const SurfaceSample& smp : s) {
    const glm::uvec3 t = mesh.triangles[smp.point.triangle];
    const glm::vec3 p0 = mesh.positions[t.x], e1 = mesh.positions[t.y] - p0,
                    e2 = mesh.positions[t.z] - p0;
    const float a11 = glm::dot(e1, e1), a12 = glm::dot(e1, e2), a22 = glm::dot(e2, e2);
    const float det = a11 * a22 - a12 * a12;
    if (det <= 1e-20f) continue;
    const glm::vec3 d1 = glm::normalize(e1), d2 = glm::normalize(glm::cross(smp.normal, d1));
    glm::vec2 uv[2];
    float sign[2];
    bool ok = true;
    for (int k = 0; k < 2 && ok; ++k) {
      const glm::vec3 dir = k == 0 ? d1 : d2;
      const float b1 = glm::dot(e1, dir) * h, b2 = glm::dot(e2, dir) * h;
      const glm::vec2 duv((a22 * b1 - a12 * b2) / det, (a11 * b2 - a12 * b1) / det);
      ok = false;
      for (float sgn : {1.0f, -1.0f}) {
        const glm::vec2 c = smp.point.barycentric + sgn * duv;
        if (c.x >= 0 && c.y >= 0 && c.x + c.y <= 1) {
          uv[k] = c, sign[k] = sgn, ok = true;
          break;
        }
      }
    }
    if (!ok) continue;
    (void)sign;
    tris.insert(tris.end(), {smp.point.triangle, smp.point.triangle, smp.point.triangle});
    bary.insert(bary.end(), {smp.point.barycentric, uv[0], uv[1]});
    for (const glm::vec2& b : {smp.point.barycentric, uv[0], uv[1]}) {
      pos.push_back(p0 + b.x * e1 + b.y * e2);
    }
  }
  std::vector<glm::vec3> colors;
  if (color) {
    colors = color(tris, bary, pos);
  } else {
    colors.resize(tris.size());
    for (std::size_t i = 0; i < tris.size(); ++i) {
      SurfacePoint p;
      p.triangle = tris[i];
      p.barycentric = bary[i];
      colors[i] = glm::vec3(colorAt(mesh, p));
    }
  }
  double sum = 0.0;
  const std::size_t n = tris.size() / 3;
  const float diag = boundingBox(mesh.positions).diagonal();
  for (std::size_t i = 0; i < n; ++i) {
    const glm::vec3 c = colors[3 * i], c1 = colors[3 * i + 1], c2 = colors[3 * i + 2];
    sum += std::sqrt(glm::dot(c1 - c, c1 - c) + glm::dot(c2 - c, c2 - c)) / (h / diag);
  }
  return n ? sum / n : 0.0;
}

namespace {
// Does segment [p, q] cross triangle (a, b, c) strictly inside both? In double precision: the
// slivers marching tetrahedra makes near lattice points gave single-precision false crossings.
bool segmentCrossesTriangle(const glm::vec3& pf, const glm::vec3& qf, const glm::vec3& af,
                            const glm::vec3& bf, const glm::vec3& cf) {
  const double eps = 1e-6;
  const glm::dvec3 p(pf), a(af);
  const glm::dvec3 dir = glm::dvec3(qf) - p, e1 = glm::dvec3(bf) - a, e2 = glm::dvec3(cf) - a;
  const glm::dvec3 pv = glm::cross(dir, e2);
  const double det = glm::dot(e1, pv);
  if (std::fabs(det) < 1e-30) return false;
  const double inv = 1.0 / det;
  const glm::dvec3 tv = p - a;
  const double u = glm::dot(tv, pv) * inv;
  if (u <= eps || u >= 1 - eps) return false;
  const glm::dvec3 qv = glm::cross(tv, e1);
  const double v = glm::dot(dir, qv) * inv;
  if (v <= eps || u + v >= 1 - eps) return false;
  const double t = glm::dot(e2, qv) * inv;
  return t > eps && t < 1 - eps;
}
}  // namespace

std::size_t countSelfIntersections(const TexturedMesh& mesh) {
  return selfIntersectingPairs(mesh).size();
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> selfIntersectingPairs(
    const TexturedMesh& mesh) {
  const BoundingBox box = boundingBox(mesh.positions);
  const std::size_t nf = mesh.triangles.size();
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  if (nf < 2) return pairs;
  const float cell = std::max(box.diagonal() / std::cbrt(static_cast<float>(nf)) * 0.7f, 1e-9f);
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> grid;
  auto key = [](int x, int y, int z) {
    return (std::uint64_t(std::uint32_t(x) & 0x1fffff) << 42) |
           (std::uint64_t(std::uint32_t(y) & 0x1fffff) << 21) |
           std::uint64_t(std::uint32_t(z) & 0x1fffff);
  };
  for (std::size_t f = 0; f < nf; ++f) {
    const glm::uvec3 t = mesh.triangles[f];
    const glm::vec3 lo =
        glm::min(glm::min(mesh.positions[t.x], mesh.positions[t.y]), mesh.positions[t.z]);
    const glm::vec3 hi =
        glm::max(glm::max(mesh.positions[t.x], mesh.positions[t.y]), mesh.positions[t.z]);
    const glm::ivec3 a = glm::ivec3(glm::floor((lo - box.min) / cell)),
                     b = glm::ivec3(glm::floor((hi - box.min) / cell));
    for (int z = a.z; z <= b.z; ++z)
      for (int y = a.y; y <= b.y; ++y)
        for (int x = a.x; x <= b.x; ++x)
          grid[key(x, y, z)].push_back(static_cast<std::uint32_t>(f));
  }
  std::unordered_map<std::uint64_t, bool> counted;
  for (const auto& [k, list] : grid) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      for (std::size_t j = i + 1; j < list.size(); ++j) {
        const std::uint32_t f = std::min(list[i], list[j]), g = std::max(list[i], list[j]);
        const glm::uvec3 A = mesh.triangles[f], B = mesh.triangles[g];
        bool shared = false;
        for (int m = 0; m < 3; ++m)
          for (int n = 0; n < 3; ++n) shared = shared || A[m] == B[n];
        if (shared) continue;
        const glm::vec3 a0 = mesh.positions[A.x], a1 = mesh.positions[A.y],
                        a2 = mesh.positions[A.z];
        const glm::vec3 b0 = mesh.positions[B.x], b1 = mesh.positions[B.y],
                        b2 = mesh.positions[B.z];
        const bool cross = segmentCrossesTriangle(a0, a1, b0, b1, b2) ||
                           segmentCrossesTriangle(a1, a2, b0, b1, b2) ||
                           segmentCrossesTriangle(a2, a0, b0, b1, b2) ||
                           segmentCrossesTriangle(b0, b1, a0, a1, a2) ||
                           segmentCrossesTriangle(b1, b2, a0, a1, a2) ||
                           segmentCrossesTriangle(b2, b0, a0, a1, a2);
        if (cross && counted.emplace((std::uint64_t(f) << 32) | g, true).second)
          pairs.emplace_back(f, g);
      }
    }
  }
  std::sort(pairs.begin(), pairs.end());  // the grid's order is the hash map's
  return pairs;
}

}  // namespace interp3d
