// LibTorch (ATen) for the cost matrix and the plan; the iterations' soft minima in one fused pass.
#include "morph/sinkhorn.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include "util/error.h"
#include "util/parallel.h"

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

// Four floats in one SSE register (GCC's and Clang's vector extensions): the soft minimum below
// runs four columns at a time on any x86-64, without compiler flags.
using Lanes = float __attribute__((vector_size(16)));
using IntLanes = std::int32_t __attribute__((vector_size(16)));
constexpr int kLanes = 4;

// e^x for x <= 0 in each lane (Cephes' polynomial, relative error below 1e-7; inputs below -87
// give e^-87, which no sum of terms of 1 and more notices).
inline Lanes expNonPositive(Lanes x) {
  x = x < -87.0f ? Lanes{} - 87.0f : x;
  const IntLanes n = __builtin_convertvector(x * 1.44269504f - 0.5f, IntLanes);  // round(x/ln 2)
  const Lanes k = __builtin_convertvector(n, Lanes);
  const Lanes r = (x - k * 0.693359375f) + k * 2.12194440e-4f;
  Lanes p = r * 1.9875691500e-4f + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  const IntLanes bits = (n + 127) << 23;  // 2^n
  Lanes scale;
  std::memcpy(&scale, &bits, sizeof(scale));
  return p * scale;
}

// out[i] = log sum_j exp((h[j] - cost[i][j]) / eps) for each of `rows` rows of `cols` costs: the
// soft minimum of a Sinkhorn half-step in one pass over the costs. (LibTorch's logsumexp of the
// same expression makes five passes, through as many matrix-sized temporaries: twice the time.)
void logSumExpRows(const float* cost, std::int64_t rows, std::int64_t cols, const float* h,
                   float eps, float* out, int threads) {
  const float inv = 1.0f / eps;
  const float lowest = -std::numeric_limits<float>::infinity();
  parallelFor(static_cast<std::size_t>(rows), threads, [&](std::size_t begin, std::size_t end) {
    const std::int64_t whole = cols / kLanes, blocks = (cols + kLanes - 1) / kLanes;
    std::vector<Lanes> z(static_cast<std::size_t>(blocks));
    for (std::size_t i = begin; i < end; ++i) {
      const float* c = cost + i * cols;
      // The exponents, and their largest (four running maxima, then the largest of them).
      Lanes top4 = Lanes{} + lowest;
      for (std::int64_t b = 0; b < whole; ++b) {
        Lanes hb, cb;
        std::memcpy(&hb, h + b * kLanes, sizeof(hb));
        std::memcpy(&cb, c + b * kLanes, sizeof(cb));
        z[b] = (hb - cb) * inv;
        top4 = top4 < z[b] ? z[b] : top4;
      }
      for (std::int64_t j = whole * kLanes; j < blocks * kLanes; ++j)  // the last block's tail
        z[whole][j - whole * kLanes] = j < cols ? (h[j] - c[j]) * inv : lowest;
      if (whole < blocks) top4 = top4 < z[whole] ? z[whole] : top4;
      float top = top4[0];
      for (int l = 1; l < kLanes; ++l) top = std::max(top, top4[l]);
      // Two sums side by side, so one block's exponential need not wait for the other's.
      Lanes sum{}, other{};
      std::int64_t b = 0;
      for (; b + 1 < blocks; b += 2) {
        sum += expNonPositive(z[b] - top);
        other += expNonPositive(z[b + 1] - top);
      }
      if (b < blocks) sum += expNonPositive(z[b] - top);
      sum += other;
      out[i] = top + std::log(sum[0] + sum[1] + sum[2] + sum[3]);
    }
  });
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
  const at::Tensor rowCost = cost.contiguous();
  const at::Tensor costT = cost.t().contiguous();  // the column half-steps read rows too
  at::Tensor f = at::zeros({n}), g = at::zeros({m});
  float* fp = f.data_ptr<float>();
  float* gp = g.data_ptr<float>();
  const float* c = rowCost.data_ptr<float>();
  const float* ct = costT.data_ptr<float>();

  const int iters = std::max(1, o.iterations);
  float eps = o.epsilonStart;
  for (int it = 0; it < iters; ++it) {
    // Geometric schedule over the first 70% of the iterations, then the final epsilon.
    const float progress = std::min(1.0f, it / (0.7f * iters));
    eps = o.epsilonStart * std::pow(o.epsilonEnd / o.epsilonStart, progress);
    const float tau = o.rho / (o.rho + eps);
    // f = -eps tau (logsumexp_j((g_j - C_ij) / eps) + log b), then g likewise from the new f.
    logSumExpRows(c, n, m, gp, eps, fp, o.threads);
    for (std::int64_t i = 0; i < n; ++i) fp[i] = -eps * tau * (fp[i] + logb);
    logSumExpRows(ct, m, n, fp, eps, gp, o.threads);
    for (std::int64_t j = 0; j < m; ++j) gp[j] = -eps * tau * (gp[j] + loga);
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
