#include "test_meshes.h"

#include <cmath>

#include <glm/geometric.hpp>

namespace interp3d::testing {

Image makeTestImage(int width, int height) {
  Image img;
  img.width = width;
  img.height = height;
  img.rgba.resize(static_cast<std::size_t>(width) * height * 4);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      std::uint8_t* p = &img.rgba[4 * (static_cast<std::size_t>(y) * width + x)];
      p[0] = static_cast<std::uint8_t>(16 * x);
      p[1] = static_cast<std::uint8_t>(16 * y);
      p[2] = 200;
      p[3] = 255;
    }
  }
  return img;
}

TexturedMesh makeCube() {
  TexturedMesh m;
  for (int i = 0; i < 8; ++i) m.positions.emplace_back(i & 1, (i >> 1) & 1, (i >> 2) & 1);
  // Quads (counter-clockwise from outside) split into two triangles each.
  const int quads[6][4] = {{0, 2, 3, 1}, {4, 5, 7, 6}, {0, 1, 5, 4},
                           {2, 6, 7, 3}, {0, 4, 6, 2}, {1, 3, 7, 5}};
  const glm::vec2 quv[4] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
  for (const auto& q : quads) {
    const int split[2][3] = {{0, 1, 2}, {0, 2, 3}};
    for (const auto& s : split) {
      m.triangles.emplace_back(q[s[0]], q[s[1]], q[s[2]]);
      for (int k = 0; k < 3; ++k) m.cornerUVs.push_back(0.25f * quv[s[k]] + glm::vec2(0.3f, 0.3f));
      m.materialIds.push_back(0);
    }
  }
  Material mat;
  mat.name = "cube";
  mat.baseColorTexture = makeTestImage();
  m.materials.push_back(mat);
  computeVertexNormals(m);
  return m;
}

TexturedMesh makeSphere(float radius, glm::vec3 center, int segments) {
  TexturedMesh m;
  const int rings = segments / 2;
  m.positions.push_back(center + glm::vec3(0, 0, radius));
  for (int r = 1; r < rings; ++r) {
    const float theta = 3.14159265f * r / rings;
    for (int k = 0; k < segments; ++k) {
      const float phi = 6.2831853f * k / segments;
      m.positions.push_back(center + radius * glm::vec3(std::sin(theta) * std::cos(phi),
                                                        std::sin(theta) * std::sin(phi),
                                                        std::cos(theta)));
    }
  }
  m.positions.push_back(center + glm::vec3(0, 0, -radius));
  const auto ring = [&](int r, int k) {
    return static_cast<std::uint32_t>(1 + (r - 1) * segments + (k % segments));
  };
  const auto south = static_cast<std::uint32_t>(m.positions.size() - 1);
  for (int k = 0; k < segments; ++k) {
    m.triangles.emplace_back(0, ring(1, k), ring(1, k + 1));
    for (int r = 1; r + 1 < rings; ++r) {
      m.triangles.emplace_back(ring(r, k), ring(r + 1, k), ring(r + 1, k + 1));
      m.triangles.emplace_back(ring(r, k), ring(r + 1, k + 1), ring(r, k + 1));
    }
    m.triangles.emplace_back(ring(rings - 1, k), south, ring(rings - 1, k + 1));
  }
  m.materialIds.assign(m.triangles.size(), 0);
  Material grey;
  grey.name = "sphere";
  grey.baseColorFactor = {0.6f, 0.6f, 0.6f, 1.0f};
  m.materials.push_back(grey);
  computeVertexNormals(m);
  return m;
}

DemoOptions smallDemoOptions() {
  DemoOptions d;
  d.longitudeSegments = 48;
  d.latitudeSegments = 24;
  d.textureSize = 64;
  return d;
}

double signedVolume(const TexturedMesh& mesh) {
  double v = 0.0;
  for (const glm::uvec3& t : mesh.triangles) {
    v += glm::dot(glm::dvec3(mesh.positions[t.x]),
                  glm::cross(glm::dvec3(mesh.positions[t.y]), glm::dvec3(mesh.positions[t.z])));
  }
  return v / 6.0;
}

MorphOptions smallMorphOptions() {
  MorphOptions o;
  o.frames = 3;
  o.fields.resolution = 24;
  o.correspondence.resolution = 12;
  o.texture.size = 64;
  return o;
}

DemoPair smallDemoPair() {
  return {makeDemoCreature(smallDemoOptions()), makeDemoTorus(smallDemoOptions())};
}

}  // namespace interp3d::testing
