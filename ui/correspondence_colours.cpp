#include "ui/correspondence_colours.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include <glm/geometric.hpp>

#include "morph/morph_solver.h"

namespace interp3d {

namespace {
constexpr std::size_t kMaxMatched = 50000;  // source points matched for the target's colours

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

// Nearest of a set of points by a uniform grid (rings searched outwards until one is found and
// no nearer cell can remain).
class NearestPoint {
 public:
  explicit NearestPoint(const std::vector<glm::vec3>& points) : points_(points) {
    const BoundingBox box = boundingBox(points);
    origin_ = box.min;
    cell_ = std::max(box.diagonal() / 64.0f, 1e-9f);
    for (std::size_t i = 0; i < points.size(); ++i) cells_[key(cellOf(points[i]))].push_back(i);
  }
  std::size_t nearest(const glm::vec3& p) const {
    const glm::ivec3 c = cellOf(p);
    std::size_t best = 0;
    float bestDistance = std::numeric_limits<float>::max();
    for (int ring = 0; ring < 256; ++ring) {
      for (int x = -ring; x <= ring; ++x)
        for (int y = -ring; y <= ring; ++y)
          for (int z = -ring; z <= ring; ++z) {
            if (std::max({std::abs(x), std::abs(y), std::abs(z)}) != ring) continue;
            const auto it = cells_.find(key(c + glm::ivec3(x, y, z)));
            if (it == cells_.end()) continue;
            for (std::size_t i : it->second) {
              const float d = glm::distance(points_[i], p);
              if (d < bestDistance) bestDistance = d, best = i;
            }
          }
      // Every point in a cell further out is at least `ring` cells away.
      if (bestDistance < static_cast<float>(ring) * cell_) break;
    }
    return best;
  }

 private:
  glm::ivec3 cellOf(const glm::vec3& p) const {
    return glm::ivec3(glm::floor((p - origin_) / cell_));
  }
  static std::uint64_t key(const glm::ivec3& c) {
    return (static_cast<std::uint64_t>(c.x & 0x1fffff) << 42) |
           (static_cast<std::uint64_t>(c.y & 0x1fffff) << 21) |
           static_cast<std::uint64_t>(c.z & 0x1fffff);
  }
  const std::vector<glm::vec3>& points_;
  glm::vec3 origin_;
  float cell_;
  std::unordered_map<std::uint64_t, std::vector<std::size_t>> cells_;
};
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
  // A spread subset of the source's vertices, each sent onto the target; every target vertex
  // takes the colour of the nearest one landed.
  const std::size_t step = std::max<std::size_t>(1, source.positions.size() / kMaxMatched);
  std::vector<glm::vec3> points;
  std::vector<glm::vec4> colours;
  for (std::size_t i = 0; i < source.positions.size(); i += step) {
    points.push_back(source.positions[i]);
    colours.push_back(own[i]);
  }
  const std::vector<glm::vec3> landed = solver.correspondingPoints(points);
  const NearestPoint nearest(landed);
  for (std::size_t i = 0; i < taken.size(); ++i)
    taken[i] = colours[nearest.nearest(target.positions[i])];
  out.source = painted(source, std::move(own));
  out.target = painted(target, std::move(taken));
  return out;
}

}  // namespace interp3d
