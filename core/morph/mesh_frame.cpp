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
void stepOnto(std::vector<glm::vec3>& p, const std::vector<std::uint8_t>& internal,
              const ScalarGrid& f, float maxStep, int threads) {
  parallelFor(p.size(), threads, [&](std::size_t b, std::size_t e) {
    for (std::size_t v = b; v < e; ++v) {
      if (internal[v]) continue;
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
void relax(std::vector<glm::vec3>& p, const std::vector<std::uint8_t>& internal,
           const Adjacency& adj, const ScalarGrid& f, float weight, int threads) {
  std::vector<glm::vec3> next = p;
  parallelFor(p.size(), threads, [&](std::size_t b, std::size_t e) {
    for (std::size_t v = b; v < e; ++v) {
      if (internal[v]) continue;
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

// Residual and spanning triangles of positions `p` of `mesh` on `field`.
void measure(const TexturedMesh& mesh, const std::vector<glm::vec3>& p,
             const std::vector<std::uint8_t>& internal, const ScalarGrid& field,
             MeshFrameFit& fit) {
  const float h = field.spec.spacing;
  double residual = 0.0;
  std::size_t onSurface = 0;
  for (std::size_t v = 0; v < p.size(); ++v) {
    if (internal[v]) continue;
    residual += std::fabs(field.sample(p[v]));
    ++onSurface;
  }
  fit.residual = onSurface ? residual / (onSurface * h) : 0.0;
  double area = 0.0, spanning = 0.0;
  for (const glm::uvec3& t : mesh.triangles) {
    if (internal[t.x] || internal[t.y] || internal[t.z]) continue;
    const glm::vec3 n = glm::cross(p[t.y] - p[t.x], p[t.z] - p[t.x]);
    const glm::vec3 c = (p[t.x] + p[t.y] + p[t.z]) / 3.0f;
    const double a = 0.5 * glm::length(n);
    area += a;
    if (std::fabs(field.sample(c)) > h) spanning += a;
  }
  fit.spanning = area > 0.0 ? spanning / area : 0.0;
}

}  // namespace

MeshFrameFit inputBaseline(const TexturedMesh& input, const std::vector<std::uint8_t>& internal,
                           const ScalarGrid& sdf) {
  MeshFrameFit fit;
  measure(input, input.positions, internal, sdf, fit);
  return fit;
}

MeshFrameFit fitMeshToFrame(const TexturedMesh& carried, const std::vector<std::uint8_t>& internal,
                            const ScalarGrid& field, const TexturedMesh& surface,
                            double referenceRoughness, double distanceToEnd,
                            const MeshFrameOptions& options, int threads,
                            const Progress& progress) {
  MeshFrameFit fit;
  const float h = field.spec.spacing;
  const Adjacency adj = adjacency(carried);
  std::vector<glm::vec3> p = carried.positions;
  for (int i = 0; i < options.settleSteps; ++i) {
    progress.check();
    stepOnto(p, internal, field, 2.0f * h, threads);
    relax(p, internal, adj, field, options.relax, threads);
  }
  stepOnto(p, internal, field, 2.0f * h, threads);
  stepOnto(p, internal, field, 2.0f * h, threads);
  // Quality of the settled mesh, on its surface part.
  measure(carried, p, internal, field, fit);

  // Near the input's end, blend back to the carried input.
  const double x = std::clamp(distanceToEnd / std::max(1e-6, double(options.blendRange)), 0.0, 1.0);
  const float w = static_cast<float>(x * x * (3.0 - 2.0 * x));
  fit.weight = w;
  fit.mesh = carried;
  for (std::size_t v = 0; v < p.size(); ++v)
    fit.mesh.positions[v] = carried.positions[v] + w * (p[v] - carried.positions[v]);
  computeVertexNormals(fit.mesh);
  // Triangles turned over and roughness are what is shown: the blend near the end; residual,
  // spanning triangles and coverage are the settled mesh's (it must fit the surface). A triangle
  // is turned over when it faces against itself as the flow carried it (a flow never folds).
  std::size_t turned = 0, counted = 0;
  for (const glm::uvec3& t : carried.triangles) {
    if (internal[t.x] || internal[t.y] || internal[t.z]) continue;
    const std::vector<glm::vec3>& c = carried.positions;
    const std::vector<glm::vec3>& q = fit.mesh.positions;
    const glm::vec3 before = glm::cross(c[t.y] - c[t.x], c[t.z] - c[t.x]);
    const glm::vec3 after = glm::cross(q[t.y] - q[t.x], q[t.z] - q[t.x]);
    ++counted;
    turned += glm::dot(before, after) < 0.0f;
  }
  fit.flipped = counted ? static_cast<double>(turned) / counted : 0.0;

  // Coverage: how much of the frame's surface the mesh reaches; smoothness against it.
  if (!surface.triangles.empty()) {
    progress.check();
    TexturedMesh settled = carried;
    settled.positions = fit.mesh.positions;
    settled.triangles.clear();  // the surface part only
    for (const glm::uvec3& t : carried.triangles)
      if (!internal[t.x] && !internal[t.y] && !internal[t.z]) settled.triangles.push_back(t);
    settled.materialIds.assign(settled.triangles.size(), 0);
    settled.cornerUVs.clear();
    fit.roughness = referenceRoughness > 0.0 ? surfaceRoughness(settled) / referenceRoughness : 0.0;
    settled.positions = p;
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
