#include "test_support.h"

#include <sys/wait.h>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

namespace fs = std::filesystem;

namespace interp3d::testing {

fs::path sourceDir() {
  return INTERP3D_SOURCE_DIR;
}
fs::path binDir() {
  return INTERP3D_BIN_DIR;
}
fs::path sharedAssets() {
  return fs::path(INTERP3D_SOURCE_DIR) / ".." / "shared" / "assets";
}

ScratchDir::ScratchDir(const std::string& name) {
  std::random_device rd;
  path_ = fs::temp_directory_path() / ("interp3d-test-" + name + "-" + std::to_string(rd()));
  fs::remove_all(path_);
  fs::create_directories(path_);
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

static std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

CommandResult runCommand(const std::string& command, int timeoutSeconds) {
  ScratchDir dir("cmd");
  const fs::path out = dir / "out", err = dir / "err";
  const std::string full = "timeout " + std::to_string(timeoutSeconds) + " sh -c '" + command +
                           "' >" + out.string() + " 2>" + err.string();
  const int status = std::system(full.c_str());
  CommandResult r;
  r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

void writeText(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace interp3d::testing
