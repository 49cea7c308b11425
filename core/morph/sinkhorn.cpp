// LibTorch (only its tensor library, ATen) for the log-domain Sinkhorn iterations.
#include "morph/sinkhorn.h"

#include <cmath>

#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include "util/error.h"

namespace interp3d {

namespace {
at::Tensor rows(const std::vector<float>& data, std::int64_t n, std::int64_t d) {
  return at::from_blob(const_cast<float*>(data.data()), {n, d}, at::kFloat).clone();
}
at::Tensor positions(const std::vector<glm::vec3>& p) {
  std::vector<float> flat(p.size() * 3);
  for (std::size_t i = 0; i < p.size(); ++i)
    flat[3 * i] = p[i].x, flat[3 * i + 1] = p[i].y, flat[3 * i + 2] = p[i].z;
  return rows(flat, static_cast<std::int64_t>(p.size()), 3);
}
std::vector<glm::vec3> toVec3(const at::Tensor& t) {
  const at::Tensor c = t.contiguous();
  const float* d = c.data_ptr<float>();
  std::vector<glm::vec3> out(static_cast<std::size_t>(c.size(0)));
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = {d[3 * i], d[3 * i + 1], d[3 * i + 2]};
  return out;
}
std::vector<float> toFloats(const at::Tensor& t) {
  const at::Tensor c = t.contiguous();
  return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}
}  // namespace

TransportResult solveTransport(const std::vector<float>& sourceFeatures,
                               const std::vector<float>& targetFeatures, int dims,
                               const std::vector<glm::vec3>& sourcePositions,
                               const std::vector<glm::vec3>& targetPositions,
                               const SinkhornOptions& o) {
  const auto n = static_cast<std::int64_t>(sourcePositions.size());
  const auto m = static_cast<std::int64_t>(targetPositions.size());
  INTERP3D_CHECK(n > 0 && m > 0, "optimal transport needs points on both sides");
  INTERP3D_CHECK(sourceFeatures.size() == static_cast<std::size_t>(n * dims) &&
                     targetFeatures.size() == static_cast<std::size_t>(m * dims),
                 "feature sizes do not match the point counts");
  at::set_num_threads(std::max(1, o.threads));

  const at::Tensor x = rows(sourceFeatures, n, dims), y = rows(targetFeatures, m, dims);
  // Squared distances without cdist's sqrt: |x|^2 + |y|^2 - 2 x.y
  const at::Tensor cost =
      (x.pow(2).sum(1, true) + y.pow(2).sum(1).unsqueeze(0) - 2.0f * x.matmul(y.t()))
          .clamp_min(0.0f);
  const float loga = -std::log(static_cast<float>(n)), logb = -std::log(static_cast<float>(m));
  at::Tensor f = at::zeros({n}), g = at::zeros({m});

  const int iters = std::max(1, o.iterations);
  float eps = o.epsilonStart;
  for (int it = 0; it < iters; ++it) {
    // Geometric schedule over the first 70% of the iterations, then the final epsilon.
    const float progress = std::min(1.0f, it / (0.7f * iters));
    eps = o.epsilonStart * std::pow(o.epsilonEnd / o.epsilonStart, progress);
    const float tau = o.rho / (o.rho + eps);
    f = -eps * tau * at::logsumexp((g.unsqueeze(0) - cost) / eps + logb, 1);
    g = -eps * tau * at::logsumexp((f.unsqueeze(1) - cost) / eps + loga, 0);
  }
  const at::Tensor plan = at::exp((f.unsqueeze(1) + g.unsqueeze(0) - cost) / eps + loga + logb);
  const at::Tensor rowSum = plan.sum(1), colSum = plan.sum(0);
  const at::Tensor px = positions(sourcePositions), py = positions(targetPositions);

  TransportResult r;
  r.sourceToTarget = toVec3(plan.matmul(py) / rowSum.clamp_min(1e-30f).unsqueeze(1));
  r.targetToSource = toVec3(plan.t().matmul(px) / colSum.clamp_min(1e-30f).unsqueeze(1));
  r.sourceMass = toFloats(rowSum * static_cast<float>(n));
  r.targetMass = toFloats(colSum * static_cast<float>(m));
  return r;
}

}  // namespace interp3d
