// Intrinsic descriptors of the structured latent's voxels, computed on the graph that joins voxels
// of neighbouring grid cells: the heat kernel signature (from the graph Laplacian's spectrum,
// LibTorch's eigh) and graph-geodesic distances to landmarks (Dijkstra).
#pragma once

#include <vector>

#include <glm/vec3.hpp>

namespace interp3d {

struct VoxelGraph {
  std::vector<std::vector<std::pair<std::uint32_t, float>>> neighbours;  // (voxel, distance)
};

// Joins voxels whose positions are closer than `radius` (use about 1.8 voxel sizes).
VoxelGraph buildVoxelGraph(const std::vector<glm::vec3>& positions, float radius);

// Heat kernel signature at `times` (in units of the graph's squared edge length) from the
// `eigenpairs` smallest eigenpairs of the normalised graph Laplacian; each column is divided by
// its mean so the descriptor does not depend on scale or sampling density. Row-major N x times.
std::vector<float> heatKernelSignature(const VoxelGraph& graph, const std::vector<float>& times,
                                       int eigenpairs, int threads);

// Shortest-path distance along the graph from the voxel nearest `from` to every voxel
// (unreachable voxels get the largest reachable distance).
std::vector<float> graphGeodesic(const VoxelGraph& graph, const std::vector<glm::vec3>& positions,
                                 const glm::vec3& from);

}  // namespace interp3d
