// libFuzzer target for texture decoding (PNG, JPEG and the rest stb_image reads), as textures
// embedded in a GLB or named by an MTL reach it. An interp3d::Error is the expected way to fail.
#include <cstddef>
#include <cstdint>
#include <string>

#include "io/image_io.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    interp3d::decodeImage(std::string(reinterpret_cast<const char*>(data), size), "fuzz");
  } catch (const interp3d::Error&) {
  }
  return 0;
}
