// Helpers shared by the tests: paths to the build and the shared assets, scratch folders,
// running a command and capturing its output.
#pragma once

#include <filesystem>
#include <string>

namespace interp3d::testing {

std::filesystem::path sourceDir();     // the repository root
std::filesystem::path binDir();        // build/bin
std::filesystem::path sharedAssets();  // ../shared/assets beside the repository

// A fresh empty folder under the system temp dir, removed when the object dies.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& name);
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int exitCode = -1;
  std::string out;
  std::string err;
};

// Runs `command` through /bin/sh with a time limit (seconds); stdout and stderr captured apart.
CommandResult runCommand(const std::string& command, int timeoutSeconds = 120);

// Writes text to a file (not atomic; for test inputs).
void writeText(const std::filesystem::path& path, const std::string& text);

}  // namespace interp3d::testing
