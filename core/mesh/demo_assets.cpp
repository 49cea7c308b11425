#include "mesh/demo_assets.h"

#include <algorithm>
#include <cmath>

#include <glm/geometric.hpp>

namespace interp3d {

namespace {
constexpr float kPi = 3.14159265358979f;

// Adds a bump of height `amp` around direction `dir` with angular width `width` (radians).
float bump(const glm::vec3& d, glm::vec3 dir, float amp, float width) {
  dir = glm::normalize(dir);
  const float angle = std::acos(std::clamp(glm::dot(d, dir), -1.0f, 1.0f));
  return amp * std::exp(-(angle * angle) / (width * width));
}

float creatureRadius(const glm::vec3& d) {
  // Ellipsoidal body, longer along X.
  const glm::vec3 axes(0.55f, 0.32f, 0.3f);
  const float body =
      1.0f / std::sqrt((d.x * d.x) / (axes.x * axes.x) + (d.y * d.y) / (axes.y * axes.y) +
                       (d.z * d.z) / (axes.z * axes.z));
  float r = body;
  r += bump(d, {0.8f, 0.6f, 0.0f}, 0.30f, 0.22f);   // head
  r += bump(d, {1.0f, 0.45f, 0.0f}, 0.12f, 0.12f);  // snout
  r += bump(d, {0.6f, 0.8f, 0.22f}, 0.16f, 0.07f);  // ears
  r += bump(d, {0.6f, 0.8f, -0.22f}, 0.16f, 0.07f);
  for (float sx : {-1.0f, 1.0f}) {
    for (float sz : {-1.0f, 1.0f})
      r += bump(d, {0.5f * sx, -0.8f, 0.4f * sz}, 0.36f, 0.12f);  // legs
  }
  r += bump(d, {-1.0f, 0.35f, 0.0f}, 0.22f, 0.08f);  // tail
  return r;
}

std::uint8_t toByte(float v) {
  return static_cast<std::uint8_t>(std::clamp(v, 0.0f, 1.0f) * 255.0f + 0.5f);
}

// Paints an equirectangular texture from a colour function of the unit direction.
template <typename ColorFn>
Image paintSphericalTexture(int size, ColorFn color) {
  Image img;
  img.width = img.height = size;
  img.rgba.resize(static_cast<std::size_t>(size) * size * 4);
  for (int y = 0; y < size; ++y) {
    const float v = 1.0f - (y + 0.5f) / size;  // UV origin bottom-left
    for (int x = 0; x < size; ++x) {
      const float u = (x + 0.5f) / size;
      const glm::vec3 c = color(u, v);
      std::uint8_t* p = &img.rgba[4 * (static_cast<std::size_t>(y) * size + x)];
      p[0] = toByte(c.r);
      p[1] = toByte(c.g);
      p[2] = toByte(c.b);
      p[3] = 255;
    }
  }
  return img;
}

glm::vec3 sphereDirection(float u, float v) {
  const float theta = (1.0f - v) * kPi;  // 0 at the top pole
  const float phi = u * 2.0f * kPi;
  return {std::sin(theta) * std::cos(phi), std::cos(theta), std::sin(theta) * std::sin(phi)};
}

// Triangulates a (rows+1) x (cols) grid that wraps around in columns; `vertex(i, j)` gives the
// welded vertex of row i, column j (j taken modulo cols); UV of a corner is (j/cols, 1 - i/rows).
template <typename VertexFn>
void addWrappedGrid(TexturedMesh& mesh, int rows, int cols, VertexFn vertex, bool vFromRows) {
  for (int i = 0; i < rows; ++i) {
    for (int j = 0; j < cols; ++j) {
      const std::uint32_t a = vertex(i, j), b = vertex(i + 1, j), c = vertex(i + 1, j + 1),
                          d = vertex(i, j + 1);
      auto uv = [&](int ii, int jj) {
        const float u = static_cast<float>(jj) / cols;
        const float v =
            vFromRows ? 1.0f - static_cast<float>(ii) / rows : static_cast<float>(ii) / rows;
        return glm::vec2(u, v);
      };
      if (a != b && b != c && a != c) {
        mesh.triangles.emplace_back(a, b, c);
        for (const glm::vec2& t : {uv(i, j), uv(i + 1, j), uv(i + 1, j + 1)})
          mesh.cornerUVs.push_back(t);
        mesh.materialIds.push_back(0);
      }
      if (a != c && c != d && a != d) {
        mesh.triangles.emplace_back(a, c, d);
        for (const glm::vec2& t : {uv(i, j), uv(i + 1, j + 1), uv(i, j + 1)})
          mesh.cornerUVs.push_back(t);
        mesh.materialIds.push_back(0);
      }
    }
  }
}
}  // namespace

TexturedMesh makeDemoCreature(const DemoOptions& o) {
  TexturedMesh mesh;
  const int cols = o.longitudeSegments, rows = o.latitudeSegments;
  // Vertex 0 is the top pole, 1 the bottom pole, then rings 1..rows-1.
  auto position = [&](float u, float v) {
    const glm::vec3 d = sphereDirection(u, v);
    return d * creatureRadius(d);
  };
  mesh.positions.push_back(position(0.0f, 1.0f));
  mesh.positions.push_back(position(0.0f, 0.0f));
  for (int i = 1; i < rows; ++i) {
    for (int j = 0; j < cols; ++j) {
      mesh.positions.push_back(
          position(static_cast<float>(j) / cols, 1.0f - static_cast<float>(i) / rows));
    }
  }
  auto vertex = [&](int i, int j) -> std::uint32_t {
    if (i == 0) return 0;
    if (i == rows) return 1;
    return 2 + static_cast<std::uint32_t>((i - 1) * cols + (j % cols));
  };
  // Faces are generated with rows going down; flip to make them counter-clockwise from outside.
  addWrappedGrid(mesh, rows, cols, vertex, true);
  for (glm::uvec3& t : mesh.triangles) std::swap(t.y, t.z);
  for (std::size_t f = 0; f < mesh.triangles.size(); ++f)
    std::swap(mesh.cornerUVs[3 * f + 1], mesh.cornerUVs[3 * f + 2]);

  Material coat;
  coat.name = "creature_coat";
  coat.textureSource = "generated";
  coat.baseColorTexture = paintSphericalTexture(o.textureSize, [](float u, float v) {
    const glm::vec3 d = sphereDirection(u, v);
    // Smooth patches from a sum of waves over the sphere; fine fur-like ripples on top.
    const float patches =
        std::sin(5.1f * d.x + 1.3f) * std::sin(4.3f * d.y + 0.4f) * std::sin(4.7f * d.z + 2.0f) +
        0.5f * std::sin(9.0f * d.x - 7.0f * d.z);
    const float fur = 0.06f * std::sin(80.0f * d.y + 30.0f * d.x) * std::sin(70.0f * d.z);
    const glm::vec3 cream(0.93f, 0.86f, 0.72f), brown(0.35f, 0.2f, 0.12f);
    const float t = std::clamp((patches - 0.15f) * 6.0f, 0.0f, 1.0f);
    glm::vec3 c = (1.0f - t) * cream + t * brown + glm::vec3(fur);
    if (d.y < -0.55f) c = glm::vec3(0.2f, 0.18f, 0.16f);  // dark hooves
    return c;
  });
  mesh.materials.push_back(std::move(coat));
  computeVertexNormals(mesh);
  return mesh;
}

TexturedMesh makeDemoTorus(const DemoOptions& o) {
  TexturedMesh mesh;
  const int cols = o.longitudeSegments, rows = o.latitudeSegments;
  const float ring = 0.35f, tube = 0.15f;
  // Row i goes around the tube, column j around the ring; both wrap.
  for (int i = 0; i < rows; ++i) {
    const float a = 2.0f * kPi * i / rows;
    for (int j = 0; j < cols; ++j) {
      const float b = 2.0f * kPi * j / cols;
      const float r = ring + tube * std::cos(a);
      mesh.positions.emplace_back(r * std::cos(b), tube * std::sin(a), r * std::sin(b));
    }
  }
  auto vertex = [&](int i, int j) {
    return static_cast<std::uint32_t>((i % rows) * cols + (j % cols));
  };
  addWrappedGrid(mesh, rows, cols, vertex, false);

  Material paint;
  paint.name = "torus_paint";
  paint.textureSource = "generated";
  paint.baseColorTexture = paintSphericalTexture(o.textureSize, [](float u, float v) {
    const bool check = (static_cast<int>(u * 24) + static_cast<int>(v * 8)) % 2 == 0;
    const float stripe = 0.5f + 0.5f * std::sin(v * 2.0f * kPi * 3.0f);
    const glm::vec3 teal(0.1f, 0.55f, 0.6f), orange(0.95f, 0.55f, 0.15f);
    glm::vec3 c = stripe * teal + (1.0f - stripe) * orange;
    return check ? c : 0.75f * c;
  });
  mesh.materials.push_back(std::move(paint));
  computeVertexNormals(mesh);
  return mesh;
}

}  // namespace interp3d
