// TorchScript modules written from source in tests (a user's own prior weights), so that only one
// test translation unit pays for LibTorch's headers.
#pragma once

#include <filesystem>
#include <string>

#include "test_support.h"

namespace interp3d::testing {

// Compiles the methods in `source` (TorchScript, `self` first) into a module saved as dir/name.
std::filesystem::path writeTorchScriptModule(const ScratchDir& dir, const std::string& name,
                                             const std::string& source);

}  // namespace interp3d::testing
