// Atomic file writes: data goes to a temporary file beside the target, which is renamed over the
// target only when complete. A failed write never leaves a half-written file under the final name.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace interp3d {

// Calls `write` with a temporary path in the target's directory, then renames it to `path`.
// If `write` throws, the temporary file is removed and the exception propagates.
// Throws IoError if the directory does not exist or the rename fails.
void writeAtomically(const std::filesystem::path& path,
                     const std::function<void(const std::filesystem::path& tmp)>& write);

// Writes `bytes` to `path` atomically.
void writeFileAtomically(const std::filesystem::path& path, const std::string& bytes);

// Writes several files together: all are written to temporary files first, and renamed into
// place (in the given order) only when every one is complete, so a failure leaves none of them
// behind and no earlier file overwritten.
void writeFilesAtomically(const std::vector<std::pair<std::filesystem::path, std::string>>& files);

// Reads a whole file. Throws IoError naming the file if it cannot be read, or if it has more
// than `maxBytes` bytes (0: no limit); `what` names the kind of file in that message
// ("a landmark file").
std::string readFile(const std::filesystem::path& path, std::uintmax_t maxBytes = 0,
                     const std::string& what = "the file");

}  // namespace interp3d
