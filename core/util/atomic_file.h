// Atomic file writes: data goes to a temporary file beside the target, which is renamed over the
// target only when complete. A failed write never leaves a half-written file under the final name.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace interp3d {

// Calls `write` with a temporary path in the target's directory, then renames it to `path`.
// If `write` throws, the temporary file is removed and the exception propagates.
// Throws IoError if the directory does not exist or the rename fails.
void writeAtomically(const std::filesystem::path& path,
                     const std::function<void(const std::filesystem::path& tmp)>& write);

// Writes `bytes` to `path` atomically.
void writeFileAtomically(const std::filesystem::path& path, const std::string& bytes);

// Reads a whole file. Throws IoError naming the file if it cannot be read.
std::string readFile(const std::filesystem::path& path);

}  // namespace interp3d
