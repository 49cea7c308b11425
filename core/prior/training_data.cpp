#include "prior/training_data.h"

#include <array>
#include <cmath>

#include "prior/prior_features.h"
#include "util/parallel.h"

namespace interp3d {

std::mt19937 sampleRng(std::uint32_t seed, int step, int task, int index) {
  std::seed_seq seq{seed, static_cast<std::uint32_t>(step), static_cast<std::uint32_t>(task),
                    static_cast<std::uint32_t>(index)};
  return std::mt19937(seq);
}

namespace {

float uniform(std::mt19937& rng, float lo, float hi) {
  return std::uniform_real_distribution<float>(lo, hi)(rng);
}

glm::vec3 randomPoint(std::mt19937& rng) {
  return {uniform(rng, -0.45f, 0.45f), uniform(rng, -0.45f, 0.45f), uniform(rng, -0.45f, 0.45f)};
}

bool changesSign(const std::array<float, 8>& d) {
  bool negative = false, positive = false;
  for (float v : d) (v < 0.0f ? negative : positive) = true;
  return negative && positive;
}

// A lattice of spacing h shifted by `offset` (in cells): position of lattice point `c`.
struct Lattice {
  float h;
  glm::vec3 offset;
  glm::vec3 position(const glm::ivec3& c) const { return (glm::vec3(c) + offset) * h; }
  glm::ivec3 cellOf(const glm::vec3& p) const { return glm::ivec3(glm::floor(p / h - offset)); }
};

Lattice randomLattice(std::mt19937& rng) {
  const int resolution = std::uniform_int_distribution<int>(24, 112)(rng);
  return {1.2f / resolution, {uniform(rng, 0, 1), uniform(rng, 0, 1), uniform(rng, 0, 1)}};
}

// y with y + amount * d(y) = x.
glm::vec3 invert(const Deformation& d, const glm::vec3& x, float amount) {
  glm::vec3 y = x - amount * d.at(x);
  for (int i = 0; i < 2; ++i) y = x - amount * d.at(y);
  return y;
}

}  // namespace

TrainingData::TrainingData(std::uint32_t seed, std::vector<std::unique_ptr<ImplicitShape>> extra,
                           int threads)
    : seed_(seed), threads_(threads), extra_(std::move(extra)) {}

const std::vector<std::unique_ptr<ImplicitShape>>& TrainingData::block(int b) {
  auto it = blocks_.find(b);
  if (it != blocks_.end()) return it->second;
  std::vector<std::unique_ptr<ImplicitShape>> shapes(kShapesPerBlock);
  parallelFor(shapes.size(), threads_, [&](std::size_t i0, std::size_t i1) {
    for (std::size_t i = i0; i < i1; ++i) {
      std::mt19937 rng = sampleRng(seed_, b, 1000, static_cast<int>(i));
      shapes[i] = generateShape(rng);
    }
  });
  generated_ += shapes.size();
  // Keep the memory bounded (held-out checks use far-away blocks; drop those too).
  for (auto old = blocks_.begin(); old != blocks_.end();) {
    old = (old->first <= b - kLiveBlocks || old->first > b) ? blocks_.erase(old) : std::next(old);
  }
  return blocks_[b] = std::move(shapes);
}

const ImplicitShape& TrainingData::pickShape(std::mt19937& rng, int step) {
  if (!extra_.empty() && std::uniform_int_distribution<int>(0, 2)(rng) == 0)
    return *extra_[std::uniform_int_distribution<std::size_t>(0, extra_.size() - 1)(rng)];
  const int current = step / kStepsPerBlock;
  const int b = std::max(0, current - std::uniform_int_distribution<int>(0, kLiveBlocks - 1)(rng));
  for (int i = std::max(0, current - kLiveBlocks + 1); i <= current; ++i) block(i);
  const auto& shapes = block(b);
  return *shapes[std::uniform_int_distribution<std::size_t>(0, shapes.size() - 1)(rng)];
}

std::vector<const ImplicitShape*> TrainingData::pickShapes(int step, int task, int count) {
  std::vector<const ImplicitShape*> shapes(count);
  for (int i = 0; i < count; ++i) {
    std::mt19937 rng = sampleRng(seed_, step, task, i);
    shapes[i] = &pickShape(rng, step);
  }
  return shapes;
}

CodecBatch TrainingData::codecBatch(int step, int n) {
  CodecBatch batch;
  batch.n = n;
  batch.patches.resize(static_cast<std::size_t>(n) * kPatchFeatures);
  const std::vector<const ImplicitShape*> shapes = pickShapes(step, 1, n);
  parallelFor(static_cast<std::size_t>(n), threads_, [&](std::size_t i0, std::size_t i1) {
    for (std::size_t i = i0; i < i1; ++i) {
      std::mt19937 rng = sampleRng(seed_, step, 2, static_cast<int>(i));
      const Deformation deformation(rng, uniform(rng, 0.0f, 0.1f));
      const DeformedShape shape(*shapes[i], deformation, 1.0f);
      const Lattice lattice = randomLattice(rng);
      std::array<float, 8> d{};
      glm::ivec3 cell(0);
      for (int attempt = 0; attempt < 16; ++attempt) {
        cell = lattice.cellOf(shape.project(randomPoint(rng)));
        for (int c = 0; c < 8; ++c) d[c] = shape.distance(lattice.position(cell + cellCorner(c)));
        if (changesSign(d)) break;
      }
      VoxelPatch patch = geometricPatch(d);
      if (uniform(rng, 0, 1) < 0.7f) {
        const glm::vec3 surface =
            shape.project(lattice.position(cell) + 0.5f * glm::vec3(lattice.h));
        patch.color = glm::clamp(shape.color(surface), glm::vec3(0.0f), glm::vec3(1.0f));
        patch.normal = shape.normal(surface);
      }
      patchFeatures(patch, lattice.h, &batch.patches[i * kPatchFeatures]);
    }
  });
  return batch;
}

FlowBatch TrainingData::flowBatch(int step, int n) {
  FlowBatch batch;
  batch.n = n;
  batch.source.resize(static_cast<std::size_t>(n) * kPatchFeatures);
  batch.target.resize(batch.source.size());
  batch.truth.resize(batch.source.size());
  batch.neighbourhood.resize(static_cast<std::size_t>(n) * kNeighbourhood);
  batch.t.resize(n);
  const std::vector<const ImplicitShape*> shapes = pickShapes(step, 3, n);
  parallelFor(static_cast<std::size_t>(n), threads_, [&](std::size_t i0, std::size_t i1) {
    for (std::size_t i = i0; i < i1; ++i) {
      std::mt19937 rng = sampleRng(seed_, step, 4, static_cast<int>(i));
      const ImplicitShape& shape = *shapes[i];
      const Lattice lattice = randomLattice(rng);
      const float t = uniform(rng, 0.05f, 0.95f);
      // The true motion and the two endpoints' errors in following it: each warp is off by a
      // local field of up to a few cells, so the plain blend thins, thickens or doubles walls.
      const Deformation motion(rng, uniform(rng, 0.02f, 0.12f));
      const Deformation errorA(rng, uniform(rng, 0.5f, 4.0f) * lattice.h, 0.4f);
      const Deformation errorB(rng, uniform(rng, 0.5f, 4.0f) * lattice.h, 0.4f);
      auto truth = [&](const glm::vec3& x) { return shape.distance(invert(motion, x, t)); };
      auto warpedA = [&](const glm::vec3& x) {
        return shape.distance(invert(motion, x, t) + errorA.at(x));
      };
      auto warpedB = [&](const glm::vec3& x) {
        return shape.distance(invert(motion, x, t) + errorB.at(x));
      };
      std::array<float, 64> a{}, b{}, blend{};
      glm::ivec3 cell(0);
      for (int attempt = 0; attempt < 24; ++attempt) {
        const glm::vec3 onShape = shape.project(randomPoint(rng));
        cell = lattice.cellOf(onShape + t * motion.at(onShape));
        std::array<float, 8> corners{};
        for (int c = 0; c < 8; ++c) {
          const glm::vec3 x = lattice.position(cell + cellCorner(c));
          corners[c] = (1.0f - t) * warpedA(x) + t * warpedB(x);
        }
        if (changesSign(corners)) break;
      }
      int m = 0;
      for (int k = -1; k <= 2; ++k)
        for (int j = -1; j <= 2; ++j)
          for (int ii = -1; ii <= 2; ++ii, ++m) {
            const glm::vec3 x = lattice.position(cell + glm::ivec3(ii, j, k));
            a[m] = warpedA(x);
            b[m] = warpedB(x);
            blend[m] = (1.0f - t) * a[m] + t * b[m];
          }
      std::array<float, 8> ca{}, cb{}, ct{};
      for (int c = 0; c < 8; ++c) {
        const glm::ivec3 o = cellCorner(c) + 1;
        const int idx = (o.z * 4 + o.y) * 4 + o.x;
        ca[c] = a[idx];
        cb[c] = b[idx];
        ct[c] = truth(lattice.position(cell + cellCorner(c)));
      }
      patchFeatures(geometricPatch(ca), lattice.h, &batch.source[i * kPatchFeatures]);
      patchFeatures(geometricPatch(cb), lattice.h, &batch.target[i * kPatchFeatures]);
      patchFeatures(geometricPatch(ct), lattice.h, &batch.truth[i * kPatchFeatures]);
      neighbourhoodFeatures(
          [&](int x, int y, int z) { return blend[((z + 1) * 4 + y + 1) * 4 + x + 1]; }, lattice.h,
          &batch.neighbourhood[i * kNeighbourhood]);
      batch.t[i] = t;
    }
  });
  return batch;
}

DescriptorBatch TrainingData::descriptorBatch(int step, int groups, int perGroup) {
  DescriptorBatch batch;
  batch.groups = groups;
  batch.perGroup = perGroup;
  const std::size_t rows = static_cast<std::size_t>(groups) * perGroup;
  batch.source.resize(rows * kStencilFeatures);
  batch.target.resize(rows * kStencilFeatures);
  const std::vector<const ImplicitShape*> shapes = pickShapes(step, 5, groups);
  parallelFor(static_cast<std::size_t>(groups), threads_, [&](std::size_t g0, std::size_t g1) {
    for (std::size_t g = g0; g < g1; ++g) {
      std::mt19937 rng = sampleRng(seed_, step, 6, static_cast<int>(g));
      const Deformation deformation(rng, uniform(rng, 0.03f, 0.15f));
      const DeformedShape deformed(*shapes[g], deformation, 1.0f);
      auto sourceDistance = [&](const glm::vec3& p) { return shapes[g]->distance(p); };
      auto targetDistance = [&](const glm::vec3& p) { return deformed.distance(p); };
      for (int i = 0; i < perGroup; ++i) {
        const std::size_t row = g * perGroup + i;
        const glm::vec3 p = shapes[g]->project(randomPoint(rng));
        stencilFeatures(sourceDistance, p, &batch.source[row * kStencilFeatures]);
        stencilFeatures(targetDistance, p + deformation.at(p),
                        &batch.target[row * kStencilFeatures]);
      }
    }
  });
  return batch;
}

}  // namespace interp3d
