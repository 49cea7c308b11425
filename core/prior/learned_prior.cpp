#include "prior/learned_prior.h"

#include <torch/script.h>
#include <torch/torch.h>

#include <sstream>

#include "prior/prior_features.h"
#include "util/error.h"

#ifndef INTERP3D_ASSET_DIR
#define INTERP3D_ASSET_DIR ""
#endif

namespace interp3d {

PriorParts PriorParts::parse(const std::string& list) {
  PriorParts parts;
  if (list == "none") return parts;
  if (list == "all") return {true, true, true};
  std::stringstream in(list);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (item == "codec") {
      parts.codec = true;
    } else if (item == "structure") {
      parts.structure = true;
    } else if (item == "descriptors") {
      parts.descriptors = true;
    } else {
      throw UsageError("unknown prior part '" + item +
                       "' (expected codec, structure, descriptors, all or none)");
    }
  }
  return parts;
}

std::string PriorParts::toString() const {
  std::string out;
  auto add = [&](bool on, const char* name) {
    if (!on) return;
    if (!out.empty()) out += ",";
    out += name;
  };
  add(codec, "codec");
  add(structure, "structure");
  add(descriptors, "descriptors");
  return out.empty() ? "none" : out;
}

namespace {

std::string firstLine(const std::string& text) {
  const std::size_t end = text.find('\n');
  return end == std::string::npos ? text : text.substr(0, end);
}

std::string shapeOf(const torch::Tensor& t) {
  std::ostringstream out;
  out << t.sizes();
  return out.str();
}

}  // namespace

struct LearnedPrior::Impl {
  std::filesystem::path file;
  mutable torch::jit::Module module;
  bool encode = false, decode = false, velocity = false, describe = false;
  int latent = 0, descriptor = 0;

  torch::Tensor run(const char* method, std::vector<torch::jit::IValue> inputs) const {
    torch::NoGradGuard noGrad;
    try {
      return module.get_method(method)(std::move(inputs)).toTensor().contiguous();
    } catch (const c10::Error& e) {
      throw IoError(file.string() + ": method " + method + " failed: " + firstLine(e.what()));
    } catch (const std::exception& e) {
      throw IoError(file.string() + ": method " + method + " failed: " + firstLine(e.what()));
    }
  }

  // Runs `method` and checks that it returns `rows` x `columns` (columns < 0: any).
  torch::Tensor checked(const char* method, std::vector<torch::jit::IValue> inputs, int64_t rows,
                        int64_t columns) const {
    torch::Tensor out = run(method, std::move(inputs));
    if (out.dim() != 2 || out.size(0) != rows || (columns >= 0 && out.size(1) != columns) ||
        out.scalar_type() != torch::kFloat) {
      throw IoError(file.string() + ": method " + method + " returned " + shapeOf(out) +
                    (columns >= 0 ? ", expected [" + std::to_string(rows) + ", " +
                                        std::to_string(columns) + "] float32"
                                  : ", expected " + std::to_string(rows) + " float32 rows"));
    }
    return out;
  }
};

LearnedPrior::LearnedPrior() : impl_(std::make_unique<Impl>()) {}
LearnedPrior::~LearnedPrior() = default;

std::shared_ptr<const LearnedPrior> LearnedPrior::load(const std::filesystem::path& file,
                                                       int threads) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    throw IoError(file.string() + ": prior file does not exist");
  torch::set_num_threads(std::max(1, threads));
  std::shared_ptr<LearnedPrior> prior(new LearnedPrior());
  Impl& m = *prior->impl_;
  m.file = file;
  try {
    m.module = torch::jit::load(file.string());
  } catch (const c10::Error& e) {
    throw IoError(file.string() + ": not a TorchScript prior file (" + firstLine(e.what()) + ")");
  } catch (const std::exception& e) {
    throw IoError(file.string() + ": not a TorchScript prior file (" + firstLine(e.what()) + ")");
  }
  m.module.eval();
  m.encode = m.module.find_method("encode").has_value();
  m.decode = m.module.find_method("decode").has_value();
  m.velocity = m.module.find_method("velocity").has_value();
  m.describe = m.module.find_method("describe").has_value();
  if (!m.encode && !m.decode && !m.velocity && !m.describe)
    throw IoError(file.string() +
                  ": the module has none of the methods encode, decode, velocity, describe");
  if (m.decode && !m.encode) throw IoError(file.string() + ": the module has decode but no encode");
  const int64_t probe = 3;
  if (m.encode) {
    m.latent = static_cast<int>(
        m.checked("encode", {torch::zeros({probe, kPatchFeatures})}, probe, -1).size(1));
    if (m.latent < 1) throw IoError(file.string() + ": encode returns empty codes");
  }
  if (m.decode) m.checked("decode", {torch::zeros({probe, m.latent})}, probe, kPatchFeatures);
  if (m.velocity) {
    if (!m.encode) throw IoError(file.string() + ": the module has velocity but no encode");
    m.checked("velocity",
              {torch::zeros({probe, m.latent}), torch::zeros({probe, 1}),
               torch::zeros({probe, flowConditionSize(m.latent)})},
              probe, m.latent);
  }
  if (m.describe) {
    m.descriptor = static_cast<int>(
        m.checked("describe", {torch::zeros({probe, kStencilFeatures})}, probe, -1).size(1));
  }
  return prior;
}

std::filesystem::path LearnedPrior::shippedFile() {
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  std::vector<std::filesystem::path> candidates;
  if (!ec) {
    // build/bin/interp3d-cli -> <source>/assets, or an installed share/interp3d/assets.
    candidates.push_back(exe.parent_path().parent_path().parent_path() / "assets");
    candidates.push_back(exe.parent_path().parent_path() / "share" / "interp3d" / "assets");
  }
  if (*INTERP3D_ASSET_DIR) candidates.emplace_back(INTERP3D_ASSET_DIR);
  for (const std::filesystem::path& dir : candidates) {
    const std::filesystem::path file = dir / "models" / "prior.pt";
    if (std::filesystem::is_regular_file(file, ec)) return file;
  }
  return {};
}

const std::filesystem::path& LearnedPrior::file() const {
  return impl_->file;
}

bool LearnedPrior::has(const std::string& method) const {
  const Impl& m = *impl_;
  return method == "encode"     ? m.encode
         : method == "decode"   ? m.decode
         : method == "velocity" ? m.velocity
         : method == "describe" ? m.describe
                                : false;
}

int LearnedPrior::latentSize() const {
  return impl_->latent;
}

int LearnedPrior::descriptorSize() const {
  return impl_->descriptor;
}

void LearnedPrior::require(const PriorParts& parts) const {
  auto need = [&](bool wanted, const char* method, const char* part) {
    if (wanted && !has(method))
      throw IoError(impl_->file.string() + ": has no method '" + method + "' (needed by the " +
                    part + " part of the prior)");
  };
  need(parts.codec, "encode", "codec");
  need(parts.codec, "decode", "codec");
  need(parts.structure, "encode", "structure");
  need(parts.structure, "decode", "structure");
  need(parts.structure, "velocity", "structure");
  need(parts.descriptors, "describe", "descriptors");
}

namespace {

torch::Tensor rows(const std::vector<float>& data, int64_t columns) {
  INTERP3D_CHECK(columns > 0 && data.size() % columns == 0, "prior input rows of the wrong width");
  return torch::from_blob(const_cast<float*>(data.data()),
                          {static_cast<int64_t>(data.size()) / columns, columns}, torch::kFloat);
}

std::vector<float> toVector(const torch::Tensor& t) {
  return std::vector<float>(t.data_ptr<float>(), t.data_ptr<float>() + t.numel());
}

}  // namespace

std::vector<float> LearnedPrior::encode(const std::vector<float>& patches) const {
  const torch::Tensor in = rows(patches, kPatchFeatures);
  return toVector(impl_->checked("encode", {in}, in.size(0), impl_->latent));
}

std::vector<float> LearnedPrior::decode(const std::vector<float>& codes) const {
  const torch::Tensor in = rows(codes, impl_->latent);
  return toVector(impl_->checked("decode", {in}, in.size(0), kPatchFeatures));
}

std::vector<float> LearnedPrior::velocity(const std::vector<float>& x,
                                          const std::vector<float>& tau,
                                          const std::vector<float>& condition) const {
  const torch::Tensor in = rows(x, impl_->latent);
  return toVector(impl_->checked(
      "velocity", {in, rows(tau, 1), rows(condition, flowConditionSize(impl_->latent))}, in.size(0),
      impl_->latent));
}

std::vector<float> LearnedPrior::describe(const std::vector<float>& stencils) const {
  const torch::Tensor in = rows(stencils, kStencilFeatures);
  return toVector(impl_->checked("describe", {in}, in.size(0), impl_->descriptor));
}

PriorParts defaultPriorParts() {
  // The ablation (assets/models/README.md): the learned descriptors improve metrics and worsen
  // none by more than 5%. So does the codec alone, but together with the descriptors it worsens
  // texture detail retention on bob<->fox by 11-14%; the structure prior makes steps less even.
  return {false, false, true};
}

std::shared_ptr<const LearnedPrior> resolvePrior(const std::string& setting, int threads) {
  if (setting == "off") return nullptr;
  if (setting == "on") {
    const std::filesystem::path shipped = LearnedPrior::shippedFile();
    if (shipped.empty())
      throw IoError(
          "assets/models/prior.pt: the shipped prior weights were not found next to "
          "the executable or in the source tree; pass --prior FILE");
    return LearnedPrior::load(shipped, threads);
  }
  return LearnedPrior::load(setting, threads);
}

namespace {

class LearnedCodec : public LatentCodec {
 public:
  explicit LearnedCodec(std::shared_ptr<const LearnedPrior> prior) : prior_(std::move(prior)) {}
  std::string name() const override { return "learned"; }
  int codeSize() const override { return prior_->latentSize(); }
  void encode(const VoxelPatch* patches, std::size_t n, float spacing,
              float* codes) const override {
    std::vector<float> features(n * kPatchFeatures);
    for (std::size_t v = 0; v < n; ++v)
      patchFeatures(patches[v], spacing, &features[v * kPatchFeatures]);
    const std::vector<float> out = prior_->encode(features);
    std::copy(out.begin(), out.end(), codes);
  }
  void decode(const float* codes, std::size_t n, float spacing,
              VoxelPatch* patches) const override {
    const std::vector<float> out =
        prior_->decode(std::vector<float>(codes, codes + n * codeSize()));
    for (std::size_t v = 0; v < n; ++v)
      patches[v] = patchFromFeatures(&out[v * kPatchFeatures], spacing);
  }

 private:
  std::shared_ptr<const LearnedPrior> prior_;
};

class LearnedDescriptors : public DescriptorModel {
 public:
  explicit LearnedDescriptors(std::shared_ptr<const LearnedPrior> prior)
      : prior_(std::move(prior)) {}
  int size() const override { return prior_->descriptorSize(); }
  std::vector<float> describe(const ScalarGrid& sdf,
                              const std::vector<glm::vec3>& points) const override {
    std::vector<float> stencils(points.size() * kStencilFeatures);
    for (std::size_t i = 0; i < points.size(); ++i)
      stencilFeatures([&](const glm::vec3& p) { return sdf.sample(p); }, points[i],
                      &stencils[i * kStencilFeatures]);
    return prior_->describe(stencils);
  }

 private:
  std::shared_ptr<const LearnedPrior> prior_;
};

}  // namespace

std::shared_ptr<const DescriptorModel> makeLearnedDescriptors(
    std::shared_ptr<const LearnedPrior> prior) {
  return std::make_shared<LearnedDescriptors>(std::move(prior));
}

std::shared_ptr<const LatentCodec> makeLearnedCodec(std::shared_ptr<const LearnedPrior> prior) {
  return std::make_shared<LearnedCodec>(std::move(prior));
}

}  // namespace interp3d
