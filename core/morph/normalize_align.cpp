#include "morph/normalize_align.h"

#include <algorithm>
#include <cmath>

#include <glm/mat3x3.hpp>

#include "mesh/topology.h"

namespace interp3d {

namespace {
UnitMesh normalized(TexturedMesh mesh) {
  UnitMesh m;
  m.original = std::move(mesh);
  m.unit = m.original;
  m.toUnit = normalizeToUnitCube(m.unit);
  m.components = std::max<std::size_t>(1, computeTopology(m.unit).components);
  return m;
}
}  // namespace

NormalizedPair normalizeAndAlign(TexturedMesh source, TexturedMesh target,
                                 const AlignOptions& options, std::uint32_t seed) {
  NormalizedPair pair;
  pair.source = normalized(std::move(source));
  pair.target = normalized(std::move(target));
  if (options.enabled) {
    const AlignmentOptions o{options.samples, options.icpIterations, seed};
    pair.alignment = options.heading ? alignHeading(pair.source.unit, pair.target.unit, o)
                                     : alignRigid(pair.source.unit, pair.target.unit, o);
    for (glm::vec3& p : pair.target.unit.positions) p = pair.alignment.apply(p);
    computeVertexNormals(pair.target.unit);
  }
  return pair;
}

Similarity unitTransformAt(const NormalizedPair& pair, double s) {
  return interpolateSimilarity(pair.source.toUnit, pair.target.toUnit, s);
}

void toUserUnits(TexturedMesh& frame, const NormalizedPair& pair, double s) {
  const float w = static_cast<float>(s);
  const glm::mat3 back = glm::transpose(partialRotation(pair.alignment.rotation, w));
  for (glm::vec3& p : frame.positions) p = back * (p - w * pair.alignment.translation);
  applyInverseSimilarity(frame, unitTransformAt(pair, s));
  computeVertexNormals(frame);
}

glm::vec3 targetToUnit(const NormalizedPair& pair, const glm::vec3& p) {
  return pair.alignment.apply(pair.target.toUnit.apply(p));
}

glm::vec3 targetFromUnit(const NormalizedPair& pair, const glm::vec3& q) {
  const glm::mat3 back = glm::transpose(pair.alignment.rotation);
  return pair.target.toUnit.invert(back * (q - pair.alignment.translation));
}

}  // namespace interp3d
