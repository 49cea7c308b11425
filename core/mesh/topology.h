// Connectivity facts of a triangle mesh: components, boundary, manifoldness, Euler characteristic.
#pragma once

#include <cstddef>

#include "mesh/textured_mesh.h"

namespace interp3d {

struct TopologyStats {
  std::size_t components = 0;        // connected components of triangles (sharing a vertex)
  std::size_t boundaryEdges = 0;     // edges with exactly one incident triangle
  std::size_t nonManifoldEdges = 0;  // edges with more than two incident triangles
  std::size_t nonManifoldVertices =
      0;  // vertices whose triangle fan is not a single disc or half-disc
  std::size_t inconsistentEdges = 0;  // edges whose two triangles traverse it in the same direction
  std::size_t degenerateTriangles = 0;  // triangles with a repeated vertex index
  long eulerCharacteristic = 0;         // V - E + F over referenced vertices
  std::size_t boundaryLoops = 0;        // closed chains of boundary edges (holes)
  // Handles: the sum over connected components of (2 - chi - b) / 2, with chi the component's
  // Euler characteristic and b its boundary loops (0 for a sphere or a disc, 1 for a torus).
  std::size_t genus = 0;
  bool manifold() const { return nonManifoldEdges == 0 && nonManifoldVertices == 0; }
  // Closed: every edge has exactly two triangles, consistently oriented, and the mesh is manifold.
  bool watertight() const { return boundaryEdges == 0 && inconsistentEdges == 0 && manifold(); }
};

TopologyStats computeTopology(const TexturedMesh& mesh);

}  // namespace interp3d
