#include "geometry/winding_number.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <glm/geometric.hpp>

#include "util/parallel.h"

namespace interp3d {

namespace {
constexpr double kInv4Pi = 0.25 / 3.14159265358979323846;
constexpr std::size_t kLeafSize = 8;

struct Node {
  glm::dvec3 centre{0.0};            // area-weighted centroid of the cluster
  glm::dvec3 dipole{0.0};            // sum of the triangles' vector areas (half cross products)
  double radius = 0.0;               // of the cluster's vertices around the centre
  std::uint32_t begin = 0, end = 0;  // triangle range (into `order`)
  std::int32_t left = -1, right = -1;
};

// Solid angle of triangle (a, b, c) seen from the origin (Van Oosterom and Strackee).
double solidAngle(const glm::dvec3& a, const glm::dvec3& b, const glm::dvec3& c) {
  const double la = glm::length(a), lb = glm::length(b), lc = glm::length(c);
  const double det = glm::dot(a, glm::cross(b, c));
  const double div = la * lb * lc + glm::dot(a, b) * lc + glm::dot(a, c) * lb + glm::dot(b, c) * la;
  return 2.0 * std::atan2(det, div);
}
}  // namespace

struct WindingNumber::Impl {
  std::vector<glm::dvec3> a, b, c;  // triangle corners, in tree order
  std::vector<Node> nodes;
  double accuracy2 = 4.0;

  std::int32_t build(std::vector<std::uint32_t>& order, std::uint32_t begin, std::uint32_t end,
                     const std::vector<glm::dvec3>& centroid, const TexturedMesh& mesh) {
    Node node;
    node.begin = begin;
    node.end = end;
    double area = 0.0;
    glm::dvec3 lo(1e300), hi(-1e300);
    for (std::uint32_t i = begin; i < end; ++i) {
      const glm::uvec3 t = mesh.triangles[order[i]];
      const glm::dvec3 p0(mesh.positions[t.x]), p1(mesh.positions[t.y]), p2(mesh.positions[t.z]);
      const glm::dvec3 v = 0.5 * glm::cross(p1 - p0, p2 - p0);
      const double w = glm::length(v);
      node.dipole += v;
      node.centre += w * centroid[order[i]];
      area += w;
      lo = glm::min(lo, centroid[order[i]]);
      hi = glm::max(hi, centroid[order[i]]);
    }
    node.centre = area > 0.0 ? node.centre / area : 0.5 * (lo + hi);
    for (std::uint32_t i = begin; i < end; ++i) {
      const glm::uvec3 t = mesh.triangles[order[i]];
      for (int k = 0; k < 3; ++k)
        node.radius =
            std::max(node.radius, glm::distance(node.centre, glm::dvec3(mesh.positions[t[k]])));
    }
    const auto index = static_cast<std::int32_t>(nodes.size());
    nodes.push_back(node);
    if (end - begin > kLeafSize) {
      const glm::dvec3 extent = hi - lo;
      const int axis =
          extent.x >= extent.y && extent.x >= extent.z ? 0 : (extent.y >= extent.z ? 1 : 2);
      const std::uint32_t mid = begin + (end - begin) / 2;
      std::nth_element(
          order.begin() + begin, order.begin() + mid, order.begin() + end,
          [&](std::uint32_t x, std::uint32_t y) { return centroid[x][axis] < centroid[y][axis]; });
      const std::int32_t l = build(order, begin, mid, centroid, mesh);
      const std::int32_t r = build(order, mid, end, centroid, mesh);
      nodes[index].left = l;
      nodes[index].right = r;
    }
    return index;
  }

  double at(const glm::dvec3& x) const {
    if (nodes.empty()) return 0.0;
    double sum = 0.0;
    std::int32_t stack[128];
    int top = 0;
    stack[top++] = 0;
    while (top > 0) {
      const Node& n = nodes[stack[--top]];
      const glm::dvec3 d = n.centre - x;
      const double dist2 = glm::dot(d, d);
      if (dist2 > accuracy2 * n.radius * n.radius) {
        sum += glm::dot(n.dipole, d) / (dist2 * std::sqrt(dist2)) * kInv4Pi;  // the dipole
        continue;
      }
      if (n.left < 0) {
        for (std::uint32_t i = n.begin; i < n.end; ++i)
          sum += solidAngle(a[i] - x, b[i] - x, c[i] - x) * kInv4Pi;
        continue;
      }
      if (top + 2 > 128) {  // too deep (never for balanced trees): exact over the range
        for (std::uint32_t i = n.begin; i < n.end; ++i)
          sum += solidAngle(a[i] - x, b[i] - x, c[i] - x) * kInv4Pi;
        continue;
      }
      stack[top++] = n.left;
      stack[top++] = n.right;
    }
    return sum;
  }
};

WindingNumber::WindingNumber(const TexturedMesh& mesh, double accuracy)
    : impl_(std::make_unique<Impl>()) {
  impl_->accuracy2 = accuracy * accuracy;
  const std::size_t nf = mesh.triangleCount();
  std::vector<glm::dvec3> centroid(nf);
  std::vector<std::uint32_t> order(nf);
  std::iota(order.begin(), order.end(), 0u);
  for (std::size_t f = 0; f < nf; ++f) {
    const glm::uvec3 t = mesh.triangles[f];
    centroid[f] = (glm::dvec3(mesh.positions[t.x]) + glm::dvec3(mesh.positions[t.y]) +
                   glm::dvec3(mesh.positions[t.z])) /
                  3.0;
  }
  if (nf == 0) return;
  impl_->build(order, 0, static_cast<std::uint32_t>(nf), centroid, mesh);
  for (std::uint32_t f : order) {
    const glm::uvec3 t = mesh.triangles[f];
    impl_->a.emplace_back(mesh.positions[t.x]);
    impl_->b.emplace_back(mesh.positions[t.y]);
    impl_->c.emplace_back(mesh.positions[t.z]);
  }
}

WindingNumber::~WindingNumber() = default;

double WindingNumber::at(const glm::vec3& point) const {
  return impl_->at(glm::dvec3(point));
}

std::vector<double> WindingNumber::at(const std::vector<glm::vec3>& points, int threads,
                                      const Progress* progress) const {
  std::vector<double> out(points.size());
  parallelFor(points.size(), threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      if (progress && (i - begin) % 1024 == 0 && progress->cancelled()) return;
      out[i] = impl_->at(glm::dvec3(points[i]));
    }
  });
  if (progress) progress->check();
  return out;
}

}  // namespace interp3d
