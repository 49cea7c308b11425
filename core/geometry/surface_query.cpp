// The only translation unit that includes Open3D.
#include "geometry/surface_query.h"

#include <open3d/core/Tensor.h>
#include <open3d/t/geometry/RaycastingScene.h>
#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>

#include "util/error.h"

namespace interp3d {

namespace o3c = open3d::core;

struct SurfaceQuery::Impl {
  explicit Impl(int threads) : scene(threads), threads(threads) {}
  open3d::t::geometry::RaycastingScene scene;
  int threads;
  std::vector<std::uint32_t> triangleIds;  // scene primitive -> mesh triangle
  glm::vec3 firstCorner{0.0f};             // corner 0 of the first triangle
  BoundingBox queryBox;                    // queries are clamped into it
};

namespace {
// Query points as Open3D takes them. A point that is not finite, or so far from the mesh that
// the BVH's float arithmetic gives up, would come back without a primitive: coordinates are made
// finite and kept within `box` (the mesh's bounding box grown by 100 times its size).
o3c::Tensor pointsTensor(const std::vector<glm::vec3>& points, const BoundingBox& box) {
  std::vector<float> flat(points.size() * 3);
  for (std::size_t i = 0; i < points.size(); ++i)
    for (int a = 0; a < 3; ++a) {
      const float v = points[i][a];
      flat[3 * i + a] = std::isfinite(v) ? std::clamp(v, box.min[a], box.max[a]) : box.center()[a];
    }
  return o3c::Tensor(flat, {static_cast<int64_t>(points.size()), 3}, o3c::Float32);
}
}  // namespace

SurfaceQuery::SurfaceQuery(const TexturedMesh& mesh, int threads)
    : impl_(std::make_unique<Impl>(threads)) {
  // Degenerate triangles are left out: they hold no surface, and Open3D's closest-point query
  // asserts on them.
  std::vector<std::uint32_t> tris;
  tris.reserve(mesh.triangles.size() * 3);
  for (std::size_t f = 0; f < mesh.triangles.size(); ++f) {
    const glm::uvec3 t = mesh.triangles[f];
    const glm::vec3 n = glm::cross(mesh.positions[t.y] - mesh.positions[t.x],
                                   mesh.positions[t.z] - mesh.positions[t.x]);
    if (t.x == t.y || t.y == t.z || t.x == t.z || !(glm::dot(n, n) > 0.0f)) continue;
    tris.insert(tris.end(), {t.x, t.y, t.z});
    impl_->triangleIds.push_back(static_cast<std::uint32_t>(f));
  }
  if (impl_->triangleIds.empty()) throw MeshError("the mesh has no triangle with a non-zero area");
  impl_->firstCorner = mesh.positions[mesh.triangles[impl_->triangleIds.front()].x];
  const BoundingBox box = boundingBox(mesh.positions);
  const glm::vec3 margin(100.0f * std::max(box.diagonal(), 1e-20f));
  impl_->queryBox = {box.min - margin, box.max + margin};
  impl_->scene.AddTriangles(
      pointsTensor(mesh.positions, BoundingBox{glm::vec3(-3e38f), glm::vec3(3e38f)}),
      o3c::Tensor(tris, {static_cast<int64_t>(impl_->triangleIds.size()), 3}, o3c::UInt32));
}

SurfaceQuery::~SurfaceQuery() = default;

std::vector<SurfacePoint> SurfaceQuery::closest(const std::vector<glm::vec3>& queries,
                                                const Progress* progress) const {
  std::vector<SurfacePoint> out(queries.size());
  for (std::size_t begin = 0; begin < queries.size(); begin += kBatch) {
    if (progress) progress->check();
    const std::size_t n = std::min(kBatch, queries.size() - begin);
    const std::vector<glm::vec3> batch(queries.begin() + begin, queries.begin() + begin + n);
    auto result =
        impl_->scene.ComputeClosestPoints(pointsTensor(batch, impl_->queryBox), impl_->threads);
    const o3c::Tensor points = result["points"].Contiguous();
    const o3c::Tensor ids = result["primitive_ids"].Contiguous();
    const o3c::Tensor uvs = result["primitive_uvs"].Contiguous();
    const float* p = points.GetDataPtr<float>();
    const std::uint32_t* id = ids.GetDataPtr<std::uint32_t>();
    const float* uv = uvs.GetDataPtr<float>();
    for (std::size_t i = 0; i < n; ++i) {
      SurfacePoint& o = out[begin + i];
      if (id[i] >= impl_->triangleIds.size()) {  // no primitive found (never expected): corner 0
        o.triangle = impl_->triangleIds.front();
        o.barycentric = glm::vec2(0.0f);
        o.position = impl_->firstCorner;
        continue;
      }
      o.position = {p[3 * i], p[3 * i + 1], p[3 * i + 2]};
      o.triangle = impl_->triangleIds[id[i]];
      o.barycentric = {uv[2 * i], uv[2 * i + 1]};
    }
  }
  return out;
}

std::vector<float> SurfaceQuery::distance(const std::vector<glm::vec3>& queries,
                                          const Progress* progress) const {
  std::vector<float> out;
  out.reserve(queries.size());
  for (std::size_t begin = 0; begin < queries.size(); begin += kBatch) {
    if (progress) progress->check();
    const std::size_t n = std::min(kBatch, queries.size() - begin);
    const std::vector<glm::vec3> batch(queries.begin() + begin, queries.begin() + begin + n);
    const o3c::Tensor d =
        impl_->scene.ComputeDistance(pointsTensor(batch, impl_->queryBox), impl_->threads)
            .Contiguous();
    const float* data = d.GetDataPtr<float>();
    out.insert(out.end(), data, data + n);
  }
  return out;
}

}  // namespace interp3d
