// Measurements of meshes and morph sequences (DESIGN.md stage 7).
#pragma once

#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "mesh/roughness.h"
#include "mesh/textured_mesh.h"

namespace interp3d {

struct SurfaceDistance {
  double meanAtoB = 0.0, meanBtoA = 0.0;  // mean distance of samples of one to the other surface
  double maxAtoB = 0.0, maxBtoA = 0.0;
  double chamfer() const { return 0.5 * (meanAtoB + meanBtoA); }
  double hausdorff() const { return maxAtoB > maxBtoA ? maxAtoB : maxBtoA; }
};

// Point-to-surface distances from `samples` area-weighted points of each mesh to the other.
SurfaceDistance surfaceDistance(const TexturedMesh& a, const TexturedMesh& b,
                                std::size_t samples = 20000, std::uint32_t seed = 1);

// The same with surface queries already built on `a` and `b`.
class SurfaceQuery;
SurfaceDistance surfaceDistance(const TexturedMesh& a, const SurfaceQuery& qa,
                                const TexturedMesh& b, const SurfaceQuery& qb,
                                std::size_t samples = 20000, std::uint32_t seed = 1);

// Mean CIE76 colour difference (L*a*b* of the sRGB base colour) between points of `a` and the
// closest points of `b`.
double meanColorDifference(const TexturedMesh& a, const TexturedMesh& b,
                           std::size_t samples = 20000, std::uint32_t seed = 2);
// The same with a surface query already built on `b`.
double meanColorDifference(const TexturedMesh& a, const TexturedMesh& b, const SurfaceQuery& qb,
                           std::size_t samples = 20000, std::uint32_t seed = 2);

// Colour of a mesh at a point on one of its triangles (barycentric weights of corners 1 and 2).
using SurfaceColorFn = std::function<std::vector<glm::vec3>(
    const std::vector<std::uint32_t>& triangles, const std::vector<glm::vec2>& barycentrics,
    const std::vector<glm::vec3>& positions)>;

// Mean magnitude of the colour gradient over the surface (RGB 0..1 per bounding-box diagonal),
// by finite differences along two tangent directions inside each sampled triangle. `color`
// defaults to the mesh's own material colour.
double meanColorGradient(const TexturedMesh& mesh, const SurfaceColorFn& color = nullptr,
                         std::size_t samples = 20000, std::uint32_t seed = 3);

// Number of pairs of triangles that share no vertex and intersect (an edge of one crosses the
// interior of the other).
std::size_t countSelfIntersections(const TexturedMesh& mesh);
// Those pairs (lower triangle index first), sorted.
std::vector<std::pair<std::uint32_t, std::uint32_t>> selfIntersectingPairs(
    const TexturedMesh& mesh);

// sRGB (0..1) to CIE L*a*b* (D65).
glm::vec3 srgbToLab(const glm::vec3& rgb);

}  // namespace interp3d
