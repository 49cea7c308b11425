// libFuzzer target for the landmarks file (JSON from users and from `correspond`). An
// interp3d::Error is the expected way to fail.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "morph/landmarks.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path file =
      std::filesystem::temp_directory_path() /
      ("interp3d-fuzz-landmarks-" + std::to_string(::getpid()) + ".json");
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    interp3d::loadLandmarks(file);
  } catch (const interp3d::Error&) {
  }
  return 0;
}
