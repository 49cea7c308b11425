// libFuzzer target for one importer entry point: the bytes become a file with the extension this
// target was built for (INTERP3D_FUZZ_EXTENSION) and go through loadMesh as a user's file does:
// the structural checks, then Assimp and our conversion, here in the fuzzer's own process so that
// a crash anywhere is a finding. An interp3d::Error (a clear message) is the expected way to fail.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <new>
#include <string>

#include "io/mesh_import.h"
#include "util/error.h"

namespace {

std::filesystem::path scratchFile() {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("interp3d-fuzz-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir / (std::string("input") + INTERP3D_FUZZ_EXTENSION);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path file = scratchFile();
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  interp3d::ImportOptions options;
  options.isolated = false;
  try {
    interp3d::loadMesh(file, options);
  } catch (const interp3d::Error&) {
  } catch (const std::bad_alloc&) {  // the isolated importer reports it as "needed more than"
  }
  return 0;
}
