#include "prior/prior_training.h"

#include <torch/script.h>
#include <torch/torch.h>

#include <array>
#include <chrono>
#include <iomanip>
#include <sstream>

#include "io/image_io.h"
#include "io/mesh_import.h"
#include "prior/loss_plot.h"
#include "prior/prior_features.h"
#include "prior/training_data.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace interp3d {

namespace {

using Clock = std::chrono::steady_clock;

torch::nn::Sequential mlp(int in, int width, int out, int hidden) {
  torch::nn::Sequential net;
  net->push_back(torch::nn::Linear(in, width));
  net->push_back(torch::nn::SiLU());
  for (int i = 1; i < hidden; ++i) {
    net->push_back(torch::nn::Linear(width, width));
    net->push_back(torch::nn::SiLU());
  }
  net->push_back(torch::nn::Linear(width, out));
  return net;
}

std::vector<torch::nn::Linear> linears(const torch::nn::Sequential& net) {
  std::vector<torch::nn::Linear> out;
  for (const auto& child : net->children())
    if (auto* l = child->as<torch::nn::Linear>()) out.emplace_back(*l);
  return out;
}

std::size_t parameterCount(const torch::nn::Sequential& net) {
  std::size_t n = 0;
  for (const torch::Tensor& p : net->parameters()) n += static_cast<std::size_t>(p.numel());
  return n;
}

torch::Tensor rows(const std::vector<float>& data, int64_t columns) {
  return torch::from_blob(const_cast<float*>(data.data()),
                          {static_cast<int64_t>(data.size()) / columns, columns}, torch::kFloat)
      .clone();
}

// Adam with a learning rate falling linearly from `lr` to lr / 10.
void setLearningRate(torch::optim::Adam& optimiser, double lr, int step, int steps) {
  const double rate = lr * (1.0 - 0.9 * static_cast<double>(step) / std::max(1, steps));
  for (auto& group : optimiser.param_groups())
    static_cast<torch::optim::AdamOptions&>(group.options()).lr(rate);
}

torch::Tensor normalizeRows(const torch::Tensor& x) {
  return x / torch::sqrt((x * x).sum(1, true) + 1e-8);
}

// TorchScript source of an MLP over `input` made of layers `<prefix>_w<i>`, `<prefix>_b<i>`.
std::string mlpSource(const std::string& prefix, std::size_t layers, const std::string& input) {
  std::ostringstream src;
  src << "    h = " << input << "\n";
  for (std::size_t i = 0; i < layers; ++i) {
    const std::string lin = "torch.linear(h, self." + prefix + "_w" + std::to_string(i) +
                            ", self." + prefix + "_b" + std::to_string(i) + ")";
    src << "    h = " << (i + 1 < layers ? "torch.silu(" + lin + ")" : lin) << "\n";
  }
  return src.str();
}

void registerLayers(torch::jit::Module& module, const std::string& prefix,
                    const torch::nn::Sequential& net) {
  const std::vector<torch::nn::Linear> layers = linears(net);
  for (std::size_t i = 0; i < layers.size(); ++i) {
    module.register_parameter(prefix + "_w" + std::to_string(i), layers[i]->weight.detach().clone(),
                              false);
    module.register_parameter(prefix + "_b" + std::to_string(i), layers[i]->bias.detach().clone(),
                              false);
  }
}

std::vector<std::unique_ptr<ImplicitShape>> loadDataFolders(
    const std::vector<std::filesystem::path>& dirs, const Progress& progress) {
  static const char* extensions[] = {".obj", ".glb", ".gltf", ".ply",
                                     ".off", ".stl", ".fbx",  ".dae"};
  std::vector<std::unique_ptr<ImplicitShape>> shapes;
  for (const std::filesystem::path& dir : dirs) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
      throw IoError(dir.string() + ": data folder does not exist");
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, ec)) {
      std::string ext = entry.path().extension().string();
      for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      for (const char* e : extensions)
        if (ext == e && entry.is_regular_file()) files.push_back(entry.path());
    }
    if (ec) throw IoError(dir.string() + ": cannot list the folder: " + ec.message());
    std::sort(files.begin(), files.end());
    if (files.empty()) throw IoError(dir.string() + ": no mesh files in the data folder");
    for (const std::filesystem::path& file : files) {
      progress.check();
      progress.report(0.0, "loading " + file.filename().string());
      shapes.push_back(meshShape(loadMesh(file).mesh, 64, file.filename().string()));
    }
  }
  return shapes;
}

struct Trainer {
  const TrainOptions& options;
  const Progress& progress;
  TrainingData data;
  std::vector<LossSeries> series;
  TrainReport report;

  // Runs `steps` optimiser steps of `lossAt(step)` on `parameters`, logging the loss.
  template <typename LossAt>
  void train(const std::string& name, std::vector<torch::Tensor> parameters, double lr,
             std::size_t parameterCount, double from, double to, LossAt lossAt) {
    const auto start = Clock::now();
    torch::optim::Adam optimiser(parameters, torch::optim::AdamOptions(lr));
    LossSeries s{name, {}};
    const int steps = options.steps;
    for (int step = 0; step < steps; ++step) {
      progress.check();
      setLearningRate(optimiser, lr, step, steps);
      optimiser.zero_grad();
      torch::Tensor loss = lossAt(step);
      loss.backward();
      optimiser.step();
      s.loss.push_back(loss.item<double>());
      if (step % 10 == 0 || step + 1 == steps) {
        std::ostringstream stage;
        stage << name << " step " << step + 1 << "/" << steps << " loss " << s.loss.back();
        progress.report(from + (to - from) * (step + 1.0) / steps, stage.str());
      }
    }
    TrainedNetwork net;
    net.name = name;
    net.parameters = parameterCount;
    const std::size_t tenth = std::max<std::size_t>(1, s.loss.size() / 10);
    for (std::size_t i = 0; i < tenth; ++i) {
      net.firstLoss += s.loss[i] / tenth;
      net.lastLoss += s.loss[s.loss.size() - 1 - i] / tenth;
    }
    net.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    report.networks.push_back(net);
    report.parameters += parameterCount;
    series.push_back(std::move(s));
  }
};

}  // namespace

namespace {

TrainReport train(const TrainOptions& options, const Progress& progress) {
  const auto start = Clock::now();
  torch::set_num_threads(std::max(1, options.threads));
  torch::manual_seed(options.seed);

  std::vector<std::unique_ptr<ImplicitShape>> meshes = loadDataFolders(options.dataDirs, progress);
  const std::size_t meshCount = meshes.size();
  Trainer trainer{
      options, progress, TrainingData(options.seed, std::move(meshes), options.threads), {}, {}};
  trainer.report.meshes = meshCount;
  const int L = options.latentSize, W = options.width;
  const int batch = 512;

  // 1. Patch codec: 14 features -> L -> 14. Distances matter most; the normal is redundant.
  torch::nn::Sequential encoder = mlp(kPatchFeatures, W / 2, L, 2);
  torch::nn::Sequential decoder = mlp(L, W / 2, kPatchFeatures, 2);
  const torch::Tensor featureWeight =
      torch::tensor({1.f, 1.f, 1.f, 1.f, 1.f, 1.f, 1.f, 1.f, 1.f, 1.f, 1.f, .3f, .3f, .3f});
  std::vector<torch::Tensor> codecParams = encoder->parameters();
  for (const torch::Tensor& p : decoder->parameters()) codecParams.push_back(p);
  trainer.train("codec", codecParams, 2e-3, parameterCount(encoder) + parameterCount(decoder), 0.0,
                0.3, [&](int step) {
                  const torch::Tensor x =
                      rows(trainer.data.codecBatch(step, batch).patches, kPatchFeatures);
                  const torch::Tensor y = decoder->forward(encoder->forward(x));
                  return ((y - x).pow(2) * featureWeight).mean();
                });
  // Standardise the latent (zero mean, unit variance per channel) by folding the statistics into
  // the encoder's last and the decoder's first layer: the flow's noise then matches the codes.
  {
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> codes;
    for (int i = 0; i < 8; ++i)
      codes.push_back(encoder->forward(
          rows(trainer.data.codecBatch(1000000 + i, batch).patches, kPatchFeatures)));
    const torch::Tensor z = torch::cat(codes, 0);
    const torch::Tensor mean = z.mean(0), stdev = z.std(0).clamp_min(1e-4);
    torch::nn::Linear last = linears(encoder).back(), first = linears(decoder).front();
    last->weight.div_(stdev.unsqueeze(1));
    last->bias.sub_(mean).div_(stdev);
    first->bias.add_(torch::mv(first->weight, mean));
    first->weight.mul_(stdev.unsqueeze(0));
  }
  for (const torch::Tensor& p : codecParams) p.set_requires_grad(false);
  auto encode = [&](const std::vector<float>& patches) {
    return encoder->forward(rows(patches, kPatchFeatures));
  };

  // 2. Structure prior: velocity of the flow from noise to the true code, conditioned on the two
  // warped endpoints' codes, the morph parameter and the blended field around the cell.
  const int conditionSize = flowConditionSize(L);
  torch::nn::Sequential flow = mlp(L + 1 + conditionSize, W, L, 3);
  auto condition = [&](const FlowBatch& b) {
    return torch::cat(
        {encode(b.source), encode(b.target), rows(b.t, 1), rows(b.neighbourhood, kNeighbourhood)},
        1);
  };
  trainer.train("structure", flow->parameters(), 1e-3, parameterCount(flow), 0.3, 0.75,
                [&](int step) {
                  const FlowBatch b = trainer.data.flowBatch(step, batch);
                  torch::Tensor z1, cond;
                  {
                    torch::NoGradGuard noGrad;
                    z1 = encode(b.truth);
                    cond = condition(b);
                  }
                  const torch::Tensor x0 = torch::randn_like(z1);
                  const torch::Tensor tau = torch::rand({b.n, 1});
                  const torch::Tensor x = (1 - tau) * x0 + tau * z1;
                  const torch::Tensor v = flow->forward(torch::cat({x, tau, cond}, 1));
                  return (v - (z1 - x0)).pow(2).mean();
                });

  {
    // Held out: the true intermediate patch against the plain blend of the warped endpoints, its
    // codec round trip, and the flow's refinement from a partly re-noised blend.
    torch::NoGradGuard noGrad;
    double blendError = 0.0, codecError = 0.0;
    std::vector<double> refinedError(3, 0.0);
    const float renoise[3] = {0.3f, 0.5f, 0.7f};
    const int batches = 4, eulerSteps = 4;
    for (int i = 0; i < batches; ++i) {
      const FlowBatch b = trainer.data.flowBatch(2000000 + i, batch);
      std::vector<float> blend(static_cast<std::size_t>(b.n) * kPatchFeatures);
      for (int r = 0; r < b.n; ++r) {
        std::array<float, 8> corners{};
        for (int c = 0; c < 8; ++c) {
          const glm::ivec3 o = cellCorner(c) + 1;  // the neighbourhood starts at offset -1
          corners[c] = b.neighbourhood[r * kNeighbourhood + (o.z * 4 + o.y) * 4 + o.x];
        }
        patchFeatures(geometricPatch(corners), 1.0f, &blend[r * kPatchFeatures]);
      }
      const torch::Tensor truth = rows(b.truth, kPatchFeatures).slice(1, 0, 8);
      const torch::Tensor mixed = rows(blend, kPatchFeatures);
      const torch::Tensor zMix = encode(blend), cond = condition(b);
      blendError += (mixed.slice(1, 0, 8) - truth).abs().mean().item<double>() / batches;
      codecError +=
          (decoder->forward(zMix).slice(1, 0, 8) - truth).abs().mean().item<double>() / batches;
      for (int k = 0; k < 3; ++k) {
        torch::Tensor x = renoise[k] * zMix + (1.0f - renoise[k]) * torch::randn_like(zMix);
        const float dt = (1.0f - renoise[k]) / eulerSteps;
        for (int e = 0; e < eulerSteps; ++e) {
          const torch::Tensor tau = torch::full({b.n, 1}, renoise[k] + e * dt);
          x = x + dt * flow->forward(torch::cat({x, tau, cond}, 1));
        }
        refinedError[k] +=
            (decoder->forward(x).slice(1, 0, 8) - truth).abs().mean().item<double>() / batches;
      }
    }
    std::ostringstream line;
    line << std::fixed << std::setprecision(4)
         << "structure check (mean corner distance error to the true patch, cells): blend "
         << blendError << ", blend through codec " << codecError << ", refined from re-noise 0.3 / "
         << "0.5 / 0.7: " << refinedError[0] << " / " << refinedError[1] << " / "
         << refinedError[2];
    trainer.report.checks.push_back(line.str());
  }

  // 3. Descriptor network: InfoNCE between points of a shape and the same points on a deformed
  // copy, the other points of the pair as negatives.
  const int K = options.descriptorSize, groups = 8, perGroup = 64;
  torch::nn::Sequential describer = mlp(kStencilFeatures, W, K, 2);
  trainer.train(
      "descriptors", describer->parameters(), 1e-3, parameterCount(describer), 0.75, 1.0,
      [&](int step) {
        const DescriptorBatch b = trainer.data.descriptorBatch(step, groups, perGroup);
        const torch::Tensor a = normalizeRows(describer->forward(rows(b.source, kStencilFeatures)));
        const torch::Tensor c = normalizeRows(describer->forward(rows(b.target, kStencilFeatures)));
        const torch::Tensor logits = torch::bmm(a.view({groups, perGroup, K}),
                                                c.view({groups, perGroup, K}).transpose(1, 2)) /
                                     0.07;
        const torch::Tensor labels = torch::arange(perGroup).repeat({groups});
        const torch::Tensor flat = logits.reshape({groups * perGroup, perGroup});
        const torch::Tensor flatT = logits.transpose(1, 2).reshape({groups * perGroup, perGroup});
        return 0.5 * (torch::nn::functional::cross_entropy(flat, labels) +
                      torch::nn::functional::cross_entropy(flatT, labels));
      });
  {
    // Held out: how often the nearest descriptor on the deformed copy is the true match, against
    // the nearest raw stencil.
    torch::NoGradGuard noGrad;
    double learned = 0.0, raw = 0.0;
    const int batches = 4;
    for (int i = 0; i < batches; ++i) {
      const DescriptorBatch b = trainer.data.descriptorBatch(2000000 + i, groups, perGroup);
      const torch::Tensor rs = rows(b.source, kStencilFeatures).view({groups, perGroup, -1});
      const torch::Tensor rt = rows(b.target, kStencilFeatures).view({groups, perGroup, -1});
      const torch::Tensor ls = normalizeRows(describer->forward(rs.view({-1, kStencilFeatures})))
                                   .view({groups, perGroup, K});
      const torch::Tensor lt = normalizeRows(describer->forward(rt.view({-1, kStencilFeatures})))
                                   .view({groups, perGroup, K});
      const torch::Tensor truth = torch::arange(perGroup).unsqueeze(0);
      learned += torch::bmm(ls, lt.transpose(1, 2))
                     .argmax(2)
                     .eq(truth)
                     .to(torch::kFloat)
                     .mean()
                     .item<double>() /
                 batches;
      raw += torch::cdist(rs, rt).argmin(2).eq(truth).to(torch::kFloat).mean().item<double>() /
             batches;
    }
    std::ostringstream line;
    line << std::fixed << std::setprecision(3) << "descriptor check (true match is nearest among "
         << perGroup << " points): learned " << learned << ", raw stencil " << raw;
    trainer.report.checks.push_back(line.str());
  }
  trainer.report.generatedShapes = trainer.data.shapesGenerated();

  // The TorchScript prior file (layout in learned_prior.h).
  torch::jit::Module module("Interp3dPrior");
  registerLayers(module, "encoder", encoder);
  registerLayers(module, "decoder", decoder);
  registerLayers(module, "flow", flow);
  registerLayers(module, "describer", describer);
  std::ostringstream meta;
  meta << "interp3d learned prior; seed " << options.seed << ", " << options.steps
       << " steps per network, latent " << L << ", width " << W << ", descriptor " << K;
  module.register_attribute("description", c10::StringType::get(), meta.str());
  std::string source;
  source += "def encode(self, patches: Tensor) -> Tensor:\n" +
            mlpSource("encoder", linears(encoder).size(), "patches") + "    return h\n";
  source += "def decode(self, codes: Tensor) -> Tensor:\n" +
            mlpSource("decoder", linears(decoder).size(), "codes") + "    return h\n";
  source += "def velocity(self, x: Tensor, tau: Tensor, condition: Tensor) -> Tensor:\n" +
            mlpSource("flow", linears(flow).size(), "torch.cat([x, tau, condition], 1)") +
            "    return h\n";
  source += "def describe(self, stencils: Tensor) -> Tensor:\n" +
            mlpSource("describer", linears(describer).size(), "stencils") +
            "    return h / torch.sqrt(torch.sum(h * h, [1], True) + 1e-8)\n";
  module.define(source);

  TrainReport& report = trainer.report;
  report.weights = options.outDir / "prior.pt";
  report.lossLog = options.outDir / "loss.csv";
  report.lossCurve = options.outDir / "loss.png";
  writeAtomically(report.weights, [&](const std::filesystem::path& tmp) {
    try {
      module.save(tmp.string());
    } catch (const c10::Error& e) {
      throw IoError(report.weights.string() +
                    ": cannot write the prior: " + e.what_without_backtrace());
    }
  });
  std::ostringstream csv;
  csv << "network,step,loss\n";
  for (const LossSeries& s : trainer.series)
    for (std::size_t i = 0; i < s.loss.size(); ++i)
      csv << s.name << "," << i << "," << s.loss[i] << "\n";
  writeFileAtomically(report.lossLog, csv.str());
  savePng(report.lossCurve, plotLossCurves(trainer.series));
  report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return report;
}

}  // namespace

TrainReport trainPrior(const TrainOptions& options, const Progress& progress) {
  if (options.steps < 1) throw UsageError("--steps must be at least 1");
  if (options.outDir.empty()) throw UsageError("train-prior needs --out DIR");
  // The output folder is made first (an unwritable place fails before the training, not after)
  // and removed again when the run fails or is cancelled before writing anything into it.
  std::error_code ec;
  const bool existed = std::filesystem::exists(options.outDir, ec);
  std::filesystem::create_directories(options.outDir, ec);
  if (ec || !std::filesystem::is_directory(options.outDir))
    throw IoError(options.outDir.string() + ": cannot create the output folder");
  try {
    return train(options, progress);
  } catch (...) {
    if (!existed) std::filesystem::remove(options.outDir, ec);  // only if still empty
    throw;
  }
}

}  // namespace interp3d
