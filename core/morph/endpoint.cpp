#include "morph/endpoint.h"

#include "lattice/solid_field.h"
#include "mesh/roughness.h"
#include "mesh/subdivide.h"

#include <algorithm>

#include <glm/geometric.hpp>

namespace interp3d {

MorphEndpoint prepareEndpoint(const UnitMesh& mesh, const GridSpec& spec, const LatentCodec& codec,
                              const SolidOptions& solid, const Progress& progress) {
  progress.check();
  MorphEndpoint e;
  e.mesh = &mesh;
  SolidField field = solidField(mesh.unit, spec, solid, progress);
  e.sdf = std::move(field.sdf);
  e.repaired = std::move(field.mesh);
  e.query = std::move(field.query);
  e.fitMesh = e.repaired;
  // A coarse input (a low-poly model) is split until its edges are about a lattice cell long for
  // settling, so that its original vertices, which frames keep, land where the surface is.
  std::vector<float> edges;
  for (const glm::uvec3& t : e.repaired.triangles)
    for (int k = 0; k < 3; ++k)
      edges.push_back(
          glm::distance(e.repaired.positions[t[k]], e.repaired.positions[t[(k + 1) % 3]]));
  if (!edges.empty()) {
    std::nth_element(edges.begin(), edges.begin() + edges.size() / 2, edges.end());
    const float median = edges[edges.size() / 2];
    int levels = 0;
    while (levels < 3 && median / static_cast<float>(1 << levels) > 1.5f * spec.spacing) ++levels;
    if (levels > 0) e.fitMesh = subdivideMidpoint(e.repaired, levels);
  }
  e.internal.resize(e.fitMesh.positions.size());
  for (std::size_t v = 0; v < e.internal.size(); ++v)
    e.internal[v] = e.sdf.sample(e.fitMesh.positions[v]) < -0.75f * spec.spacing;
  e.baseline = inputBaseline(e.fitMesh, e.internal, e.sdf);
  e.baseline.mesh = {};
  e.roughness = surfaceRoughness(e.fitMesh);
  e.solid = field.describe();
  e.changed = field.repair.changed() || field.sheetPoints > 0 || field.cappedPoints > 0 ||
              field.pocketPoints > 0 || field.handlesRemoved > 0;
  progress.check();
  // What the morph interpolates is the codec's decoding of the structured latent.
  e.latent = encodeStructuredLatent(e.sdf, e.repaired, *e.query, codec);
  decodeStructuredLatent(e.latent, codec, e.sdf);
  progress.check();
  return e;
}

}  // namespace interp3d
