#include "prior/structure_refinement.h"

#include <array>
#include <cmath>

#include "prior/prior_features.h"

namespace interp3d {

namespace {

std::uint64_t splitmix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

// A standard normal number that depends only on (seed, key).
float hashedNormal(std::uint64_t seed, std::uint64_t key) {
  const std::uint64_t a = splitmix(seed * 0x100000001b3ull ^ key), b = splitmix(a);
  const double u1 = (static_cast<double>(a >> 11) + 0.5) / 9007199254740992.0;
  const double u2 = static_cast<double>(b >> 11) / 9007199254740992.0;
  return static_cast<float>(std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2));
}

}  // namespace

std::size_t refineFrameField(const LearnedPrior& prior, const ScalarGrid& warpedSource,
                             const ScalarGrid& warpedTarget, float s, ScalarGrid& field,
                             const RefineOptions& options) {
  const GridSpec& spec = field.spec;
  const int n = spec.points();
  const float h = spec.spacing;
  const std::vector<glm::ivec3> cells = surfaceCells(field);
  const int L = prior.latentSize(), C = flowConditionSize(L);
  std::vector<std::array<float, 8>> refined(cells.size());
  for (std::size_t begin = 0; begin < cells.size(); begin += options.chunk) {
    const std::size_t m = std::min(options.chunk, cells.size() - begin);
    // Rows: blended patches, then source patches, then target patches.
    std::vector<float> patches(3 * m * kPatchFeatures), neighbourhood(m * kNeighbourhood);
    for (std::size_t r = 0; r < m; ++r) {
      const glm::ivec3 cell = cells[begin + r];
      patchFeatures(geometricPatch(cornerValues(field, cell)), h, &patches[r * kPatchFeatures]);
      patchFeatures(geometricPatch(cornerValues(warpedSource, cell)), h,
                    &patches[(m + r) * kPatchFeatures]);
      patchFeatures(geometricPatch(cornerValues(warpedTarget, cell)), h,
                    &patches[(2 * m + r) * kPatchFeatures]);
      neighbourhoodFeatures(
          [&](int x, int y, int z) {
            return field.at(std::clamp(cell.x + x, 0, n - 1), std::clamp(cell.y + y, 0, n - 1),
                            std::clamp(cell.z + z, 0, n - 1));
          },
          h, &neighbourhood[r * kNeighbourhood]);
    }
    const std::vector<float> codes = prior.encode(patches);
    std::vector<float> condition(m * C), x(m * L), tau(m);
    for (std::size_t r = 0; r < m; ++r) {
      float* row = &condition[r * C];
      std::copy_n(&codes[(m + r) * L], L, row);
      std::copy_n(&codes[(2 * m + r) * L], L, row + L);
      row[2 * L] = s;
      std::copy_n(&neighbourhood[r * kNeighbourhood], kNeighbourhood, row + 2 * L + 1);
      const glm::ivec3 cell = cells[begin + r];
      const std::uint64_t key = spec.index(cell.x, cell.y, cell.z);
      for (int a = 0; a < L; ++a) {
        x[r * L + a] = options.renoise * codes[r * L + a] +
                       (1.0f - options.renoise) * hashedNormal(options.seed, key * 64 + a);
      }
    }
    const float dt = (1.0f - options.renoise) / std::max(1, options.steps);
    for (int e = 0; e < options.steps && dt > 0.0f; ++e) {
      std::fill(tau.begin(), tau.end(), options.renoise + e * dt);
      const std::vector<float> v = prior.velocity(x, tau, condition);
      for (std::size_t i = 0; i < x.size(); ++i) x[i] += dt * v[i];
    }
    const std::vector<float> decoded = prior.decode(x);
    for (std::size_t r = 0; r < m; ++r)
      for (int c = 0; c < 8; ++c) refined[begin + r][c] = decoded[r * kPatchFeatures + c] * h;
  }
  setCellCorners(cells, refined, field);
  return cells.size();
}

namespace {
class StructureRefiner : public FieldRefiner {
 public:
  StructureRefiner(std::shared_ptr<const LearnedPrior> prior, const RefineOptions& options)
      : prior_(std::move(prior)), options_(options) {}
  void refine(const ScalarGrid& warpedSource, const ScalarGrid& warpedTarget, float s,
              ScalarGrid& field) const override {
    refineFrameField(*prior_, warpedSource, warpedTarget, s, field, options_);
  }

 private:
  std::shared_ptr<const LearnedPrior> prior_;
  RefineOptions options_;
};
}  // namespace

std::shared_ptr<const FieldRefiner> makeStructureRefiner(std::shared_ptr<const LearnedPrior> prior,
                                                         const RefineOptions& options) {
  return std::make_shared<StructureRefiner>(std::move(prior), options);
}

}  // namespace interp3d
