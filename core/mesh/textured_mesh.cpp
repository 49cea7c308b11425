#include "mesh/textured_mesh.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include <glm/geometric.hpp>

#include "util/error.h"

namespace interp3d {

namespace {
glm::vec4 texel(const Image& img, int x, int y) {
  x = ((x % img.width) + img.width) % img.width;
  y = ((y % img.height) + img.height) % img.height;
  const std::uint8_t* p = &img.rgba[4 * (static_cast<std::size_t>(y) * img.width + x)];
  return glm::vec4(p[0], p[1], p[2], p[3]) / 255.0f;
}
}  // namespace

glm::vec4 Image::sample(glm::vec2 uv) const {
  if (empty()) return glm::vec4(1.0f);
  const float fx = uv.x * width - 0.5f;
  const float fy = (1.0f - uv.y) * height - 0.5f;
  const int x0 = static_cast<int>(std::floor(fx));
  const int y0 = static_cast<int>(std::floor(fy));
  const float ax = fx - x0;
  const float ay = fy - y0;
  if (x0 >= 0 && y0 >= 0 && x0 + 1 < width && y0 + 1 < height) {  // inside: no wrapping
    const std::size_t row = 4 * static_cast<std::size_t>(width);
    const std::uint8_t* p = &rgba[4 * (static_cast<std::size_t>(y0) * width + x0)];
    glm::vec4 out;
    for (int k = 0; k < 4; ++k) {
      const float top = (1 - ax) * p[k] + ax * p[4 + k];
      const float bottom = (1 - ax) * p[row + k] + ax * p[row + 4 + k];
      out[k] = ((1 - ay) * top + ay * bottom) / 255.0f;
    }
    return out;
  }
  const glm::vec4 top = (1 - ax) * texel(*this, x0, y0) + ax * texel(*this, x0 + 1, y0);
  const glm::vec4 bottom = (1 - ax) * texel(*this, x0, y0 + 1) + ax * texel(*this, x0 + 1, y0 + 1);
  return (1 - ay) * top + ay * bottom;
}

bool TexturedMesh::hasTexture() const {
  return hasUVs() && std::any_of(materials.begin(), materials.end(),
                                 [](const Material& m) { return !m.baseColorTexture.empty(); });
}

float BoundingBox::diagonal() const {
  return glm::length(max - min);
}

BoundingBox boundingBox(const std::vector<glm::vec3>& points) {
  BoundingBox box;
  if (points.empty()) return box;
  box.min = box.max = points.front();
  for (const glm::vec3& p : points) {
    box.min = glm::min(box.min, p);
    box.max = glm::max(box.max, p);
  }
  return box;
}

void computeVertexNormals(TexturedMesh& mesh) {
  std::vector<glm::vec3> n(mesh.positions.size(), glm::vec3(0.0f));
  for (const glm::uvec3& t : mesh.triangles) {
    const glm::vec3 a = mesh.positions[t.x], b = mesh.positions[t.y], c = mesh.positions[t.z];
    const glm::vec3 areaNormal = glm::cross(b - a, c - a);  // length = 2 * area
    n[t.x] += areaNormal;
    n[t.y] += areaNormal;
    n[t.z] += areaNormal;
  }
  for (glm::vec3& v : n) {
    const float len = glm::length(v);
    v = len > 0.0f ? v / len : glm::vec3(0.0f, 0.0f, 1.0f);
  }
  mesh.normals = std::move(n);
}

void validateMesh(const TexturedMesh& mesh, const std::string& source) {
  if (mesh.triangles.empty()) {
    throw MeshError(source + ": the file contains no triangles (points or lines only, or empty)");
  }
  for (std::size_t i = 0; i < mesh.positions.size(); ++i) {
    const glm::vec3& p = mesh.positions[i];
    if (!std::isfinite(p.x) || !std::isfinite(p.y) || !std::isfinite(p.z)) {
      throw MeshError(source + ": vertex " + std::to_string(i) +
                      " has a non-finite coordinate (NaN or Inf)");
    }
  }
  const std::size_t nv = mesh.positions.size();
  for (std::size_t f = 0; f < mesh.triangles.size(); ++f) {
    const glm::uvec3& t = mesh.triangles[f];
    if (t.x >= nv || t.y >= nv || t.z >= nv) {
      throw MeshError(source + ": triangle " + std::to_string(f) +
                      " refers to a vertex index out of range (the mesh has " + std::to_string(nv) +
                      " vertices)");
    }
  }
  for (const glm::vec2& uv : mesh.cornerUVs) {
    if (!std::isfinite(uv.x) || !std::isfinite(uv.y)) {
      throw MeshError(source + ": a texture coordinate is NaN or Inf");
    }
  }
  if (mesh.materialIds.size() != mesh.triangles.size()) {
    throw MeshError(source + ": material ids do not match the triangle count");
  }
  for (std::uint32_t id : mesh.materialIds) {
    if (id >= mesh.materials.size()) throw MeshError(source + ": material index out of range");
  }
}

glm::vec2 uvAt(const TexturedMesh& mesh, const SurfacePoint& p) {
  if (!mesh.hasUVs()) return glm::vec2(0.0f);
  const std::size_t f = p.triangle;
  const float u = p.barycentric.x, v = p.barycentric.y;
  return (1.0f - u - v) * mesh.cornerUVs[3 * f] + u * mesh.cornerUVs[3 * f + 1] +
         v * mesh.cornerUVs[3 * f + 2];
}

glm::vec4 colorAt(const TexturedMesh& mesh, const SurfacePoint& p) {
  const std::size_t f = p.triangle;
  const Material& m = mesh.materials[mesh.materialIds[f]];
  glm::vec4 c = m.baseColorFactor;
  if (!m.baseColorTexture.empty() && mesh.hasUVs()) c *= m.baseColorTexture.sample(uvAt(mesh, p));
  if (!mesh.vertexColors.empty()) {
    const float u = p.barycentric.x, v = p.barycentric.y;
    const glm::uvec3 t = mesh.triangles[f];
    c *= (1.0f - u - v) * mesh.vertexColors[t.x] + u * mesh.vertexColors[t.y] +
         v * mesh.vertexColors[t.z];
  }
  return c;
}

glm::vec4 cornerColor(const TexturedMesh& mesh, std::size_t f, int k) {
  SurfacePoint p;
  p.triangle = static_cast<std::uint32_t>(f);
  p.barycentric = glm::vec2(k == 1 ? 1.0f : 0.0f, k == 2 ? 1.0f : 0.0f);
  return colorAt(mesh, p);
}

std::vector<std::uint32_t> textureCharts(const TexturedMesh& mesh) {
  const std::size_t nf = mesh.triangles.size();
  std::vector<std::uint32_t> chart(nf);
  for (std::size_t f = 0; f < nf; ++f) chart[f] = static_cast<std::uint32_t>(f);
  auto find = [&](std::uint32_t f) {
    while (chart[f] != f) f = chart[f] = chart[chart[f]];
    return f;
  };
  std::unordered_map<std::uint64_t, std::pair<std::uint32_t, int>> firstSide;  // edge -> (f, k)
  firstSide.reserve(2 * nf);
  for (std::size_t f = 0; f < nf; ++f)
    for (int k = 0; k < 3; ++k) {
      const std::uint32_t a = mesh.triangles[f][k], b = mesh.triangles[f][(k + 1) % 3];
      const std::uint64_t key = (std::uint64_t(std::min(a, b)) << 32) | std::max(a, b);
      const auto [it, added] = firstSide.emplace(key, std::pair{static_cast<std::uint32_t>(f), k});
      if (added) continue;
      const auto [g, l] = it->second;
      // The other side runs b -> a where it is oriented alike: its corner l is b, l + 1 is a.
      const glm::vec2 ga = mesh.cornerUVs[3 * g + l], gb = mesh.cornerUVs[3 * g + (l + 1) % 3];
      const glm::vec2 fa = mesh.cornerUVs[3 * f + k], fb = mesh.cornerUVs[3 * f + (k + 1) % 3];
      const bool same = mesh.triangles[g][l] == a ? (ga == fa && gb == fb) : (ga == fb && gb == fa);
      if (same) chart[find(static_cast<std::uint32_t>(f))] = find(g);
    }
  for (std::size_t f = 0; f < nf; ++f) chart[f] = find(static_cast<std::uint32_t>(f));
  return chart;
}

}  // namespace interp3d
