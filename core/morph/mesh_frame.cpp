#include "morph/mesh_frame.h"

#include <algorithm>
#include <cmath>

#include <glm/geometric.hpp>

#include "geometry/surface_query.h"
#include "geometry/surface_sampling.h"
#include "mesh/roughness.h"
#include "util/parallel.h"

namespace interp3d {

namespace {

// Neighbours of every vertex (compressed rows).
struct Adjacency {
  std::vector<std::uint32_t> offset, neighbour;
};

Adjacency adjacency(const TexturedMesh& m) {
  std::vector<std::vector<std::uint32_t>> lists(m.positions.size());
  for (const glm::uvec3& t : m.triangles)
    for (int k = 0; k < 3; ++k) {
      lists[t[k]].push_back(t[(k + 1) % 3]);
      lists[t[k]].push_back(t[(k + 2) % 3]);
    }
  Adjacency a;
  a.offset.push_back(0);
  for (std::vector<std::uint32_t>& l : lists) {
    std::sort(l.begin(), l.end());
    l.erase(std::unique(l.begin(), l.end()), l.end());
    a.neighbour.insert(a.neighbour.end(), l.begin(), l.end());
    a.offset.push_back(static_cast<std::uint32_t>(a.neighbour.size()));
  }
  return a;
}

glm::vec3 gradient(const ScalarGrid& f, const glm::vec3& p) {
  const float e = 0.5f * f.spec.spacing;
  return glm::vec3(f.sample(p + glm::vec3(e, 0, 0)) - f.sample(p - glm::vec3(e, 0, 0)),
                   f.sample(p + glm::vec3(0, e, 0)) - f.sample(p - glm::vec3(0, e, 0)),
                   f.sample(p + glm::vec3(0, 0, e)) - f.sample(p - glm::vec3(0, 0, e))) /
         (2.0f * e);
}

// One step of every vertex onto the zero level set (Newton along the gradient, at most
// `maxStep`).
void stepOnto(std::vector<glm::vec3>& p, const ScalarGrid& f, float maxStep, int threads) {
  parallelFor(p.size(), threads, [&](std::size_t b, std::size_t e) {
    for (std::size_t v = b; v < e; ++v) {
      const glm::vec3 g = gradient(f, p[v]);
      const float g2 = glm::dot(g, g);
      if (g2 < 1e-8f) continue;
      glm::vec3 step = -f.sample(p[v]) * g / g2;
      const float len = glm::length(step);
      if (len > maxStep) step *= maxStep / len;
      p[v] += step;
    }
  });
}

// Every vertex moves part of the way to its neighbours' mean, along the surface only.
void relax(std::vector<glm::vec3>& p, const Adjacency& adj, const ScalarGrid& f, float weight,
           int threads) {
  std::vector<glm::vec3> next = p;
  parallelFor(p.size(), threads, [&](std::size_t b, std::size_t e) {
    for (std::size_t v = b; v < e; ++v) {
      const std::uint32_t begin = adj.offset[v], end = adj.offset[v + 1];
      if (begin == end) continue;
      glm::vec3 mean(0.0f);
      for (std::uint32_t i = begin; i < end; ++i) mean += p[adj.neighbour[i]];
      mean /= static_cast<float>(end - begin);
      glm::vec3 d = mean - p[v];
      const glm::vec3 g = gradient(f, p[v]);
      const float gl = glm::length(g);
      if (gl > 1e-4f) d -= glm::dot(d, g / gl) * (g / gl);
      next[v] = p[v] + weight * d;
    }
  });
  p.swap(next);
}

}  // namespace

MeshFrameFit fitMeshToFrame(const TexturedMesh& carried, const ScalarGrid& field,
                            const TexturedMesh& surface, double distanceToEnd,
                            const MeshFrameOptions& options, int threads,
                            const Progress& progress) {
  MeshFrameFit fit;
  const float h = field.spec.spacing;
  const Adjacency adj = adjacency(carried);
  std::vector<glm::vec3> p = carried.positions;
  for (int i = 0; i < options.settleSteps; ++i) {
    progress.check();
    stepOnto(p, field, 2.0f * h, threads);
    relax(p, adj, field, options.relax, threads);
  }
  stepOnto(p, field, 2.0f * h, threads);
  stepOnto(p, field, 2.0f * h, threads);

  // Quality of the settled mesh.
  double residual = 0.0;
  for (const glm::vec3& v : p) residual += std::fabs(field.sample(v));
  fit.residual = p.empty() ? 0.0 : residual / (p.size() * h);
  std::size_t turned = 0;
  for (const glm::uvec3& t : carried.triangles) {
    const glm::vec3 n = glm::cross(p[t.y] - p[t.x], p[t.z] - p[t.x]);
    const glm::vec3 c = (p[t.x] + p[t.y] + p[t.z]) / 3.0f;
    if (glm::dot(n, gradient(field, c)) < 0.0f) ++turned;
  }
  fit.flipped =
      carried.triangles.empty() ? 0.0 : static_cast<double>(turned) / carried.triangles.size();

  // Near the input's end, blend back to the carried input.
  const double x = std::clamp(distanceToEnd / std::max(1e-6, double(options.blendRange)), 0.0, 1.0);
  const float w = static_cast<float>(x * x * (3.0 - 2.0 * x));
  fit.mesh = carried;
  for (std::size_t v = 0; v < p.size(); ++v)
    fit.mesh.positions[v] = carried.positions[v] + w * (p[v] - carried.positions[v]);
  computeVertexNormals(fit.mesh);

  // Coverage: how much of the frame's surface the mesh reaches; smoothness against it.
  if (!surface.triangles.empty()) {
    progress.check();
    TexturedMesh settled = carried;
    settled.positions = p;
    const double reference = surfaceRoughness(surface);
    fit.roughness = reference > 0.0 ? surfaceRoughness(settled) / reference : 0.0;
    const SurfaceQuery query(settled, threads);
    std::vector<glm::vec3> samples;
    for (const SurfaceSample& s : sampleSurface(surface, 4000, 5))
      samples.push_back(s.point.position);
    std::size_t near = 0;
    for (float d : query.distance(samples)) near += d <= h;
    fit.coverage = static_cast<double>(near) / std::max<std::size_t>(1, samples.size());
  } else {
    fit.coverage = 0.0;
  }
  return fit;
}

}  // namespace interp3d
