#include "torchscript_module.h"

#include <torch/script.h>

namespace interp3d::testing {

std::filesystem::path writeTorchScriptModule(const ScratchDir& dir, const std::string& name,
                                             const std::string& source) {
  torch::jit::Module m("UserPrior");
  m.define(source);
  const std::filesystem::path file = dir / name;
  m.save(file.string());
  return file;
}

}  // namespace interp3d::testing
