#include "util/atomic_file.h"

#include <unistd.h>
#include <atomic>
#include <fstream>
#include <sstream>
#include <system_error>

#include "util/error.h"

namespace fs = std::filesystem;

namespace interp3d {

namespace {
fs::path temporaryPathFor(const fs::path& path) {
  static std::atomic<unsigned> counter{0};
  std::ostringstream name;
  name << "." << path.filename().string() << ".tmp-" << ::getpid() << "-" << counter++;
  return path.parent_path() / name.str();
}
}  // namespace

void writeAtomically(const fs::path& path, const std::function<void(const fs::path& tmp)>& write) {
  const fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw IoError("cannot write " + path.string() + ": directory " + dir.string() +
                  " does not exist");
  }
  const fs::path tmp = temporaryPathFor(dir / path.filename());
  try {
    write(tmp);
  } catch (...) {
    fs::remove(tmp, ec);
    throw;
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw IoError("cannot write " + path.string() + ": " + ec.message());
  }
}

void writeFileAtomically(const fs::path& path, const std::string& bytes) {
  writeAtomically(path, [&](const fs::path& tmp) {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw IoError("cannot create " + tmp.string() + " (is the folder writable?)");
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) throw IoError("cannot write " + path.string() + " (disk full?)");
  });
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot open " + path.string() + ": file does not exist or is unreadable");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace interp3d
