#include "lattice/morphology.h"

#include "lattice/adaptive_mesh.h"
#include "lattice/marching_tetrahedra.h"
#include "lattice/redistance.h"

#include <cstdint>

namespace interp3d {

namespace {
ScalarGrid offset(const ScalarGrid& field, float r) {
  ScalarGrid out = field;
  for (float& v : out.values) v -= r;
  redistance(out);
  return out;
}
}  // namespace

ScalarGrid closed(const ScalarGrid& field, float radius) {
  return offset(offset(field, radius), -radius);
}

TopologyStats surfaceTopology(const ScalarGrid& field, std::size_t components) {
  TexturedMesh mesh = adaptiveZeroSurface(field, 0.05);
  keepLargestComponents(mesh, components);
  return computeTopology(mesh);
}

int reduceHandles(ScalarGrid& field, std::size_t components, std::size_t maxGenus, int maxCells,
                  std::size_t& genus) {
  int applied = 0;
  const float h = field.spec.spacing;
  const std::size_t parts = surfaceTopology(field, SIZE_MAX).components;
  for (int r = 1; r <= maxCells && genus > maxGenus; ++r) {
    for (const int sign : {1, -1}) {  // a closing fills a tunnel, an opening cuts a bridge
      if (genus <= maxGenus) break;
      ScalarGrid changed = closed(field, static_cast<float>(sign * r) * h);
      const std::size_t g = surfaceTopology(changed, components).genus;
      // A change that cuts a part off (a thin leg) or loses them all (a thin sheet) is no cure.
      const std::size_t after = surfaceTopology(changed, SIZE_MAX).components;
      if (g < genus && after >= 1 && after <= parts) {
        genus = g;
        field = std::move(changed);
        applied = sign * r;
      }
    }
  }
  return applied;
}

}  // namespace interp3d
