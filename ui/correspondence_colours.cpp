#include "ui/correspondence_colours.h"

#include <algorithm>

#include <glm/geometric.hpp>

#include "geometry/surface_query.h"
#include "morph/morph_solver.h"

namespace interp3d {

namespace {
// `mesh` without its textures, coloured per vertex.
std::shared_ptr<const TexturedMesh> painted(const TexturedMesh& mesh,
                                            std::vector<glm::vec4> colours) {
  auto out = std::make_shared<TexturedMesh>(mesh);
  for (Material& m : out->materials) {
    m.baseColorTexture = Image{};
    m.baseColorFactor = glm::vec4(1.0f);
  }
  out->vertexColors = std::move(colours);
  return out;
}

}  // namespace

glm::vec4 cubeColour(const BoundingBox& box, const glm::vec3& p) {
  const glm::vec3 size = glm::max(box.size(), glm::vec3(1e-9f));
  const glm::vec3 u = glm::clamp((p - box.min) / size, 0.0f, 1.0f);
  return {0.1f + 0.85f * u.x, 0.1f + 0.85f * u.y, 0.1f + 0.85f * u.z, 1.0f};
}

CorrespondenceColours colourByCorrespondence(const TexturedMesh& source, const TexturedMesh& target,
                                             const MorphSolver& solver, bool fromSource) {
  CorrespondenceColours out;
  if (!fromSource) {
    const BoundingBox box = boundingBox(target.positions);
    std::vector<glm::vec4> own(target.positions.size()), sent(source.positions.size());
    for (std::size_t i = 0; i < own.size(); ++i) own[i] = cubeColour(box, target.positions[i]);
    const std::vector<glm::vec3> landed = solver.correspondingPoints(source.positions);
    for (std::size_t i = 0; i < sent.size(); ++i) sent[i] = cubeColour(box, landed[i]);
    out.source = painted(source, std::move(sent));
    out.target = painted(target, std::move(own));
    return out;
  }
  const BoundingBox box = boundingBox(source.positions);
  std::vector<glm::vec4> own(source.positions.size()), taken(target.positions.size());
  for (std::size_t i = 0; i < own.size(); ++i) own[i] = cubeColour(box, source.positions[i]);
  // The source as the morph lays it on the target; every target vertex takes the colour of the
  // point of it that lies closest, blended from that triangle's corners.
  TexturedMesh landed = source;
  landed.positions = solver.correspondingPoints(source.positions);
  const std::vector<SurfacePoint> on = SurfaceQuery(landed).closest(target.positions);
  for (std::size_t i = 0; i < taken.size(); ++i) {
    const glm::uvec3 t = source.triangles[on[i].triangle];
    const glm::vec2 b = on[i].barycentric;
    taken[i] = (1.0f - b.x - b.y) * own[t.x] + b.x * own[t.y] + b.y * own[t.z];
  }
  out.source = painted(source, std::move(own));
  out.target = painted(target, std::move(taken));
  return out;
}

}  // namespace interp3d
