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
  // Short whatever the name's length (a legal 255-byte name must stay writable): the start of
  // the stem for whoever lists the folder, and the extension for writers that look at it.
  const std::string stem = path.stem().string().substr(0, 64);
  const std::string extension = path.extension().string().substr(0, 16);
  std::ostringstream name;
  name << "." << stem << ".tmp-" << ::getpid() << "-" << counter++ << extension;
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
    const std::string message =
        fs::is_directory(path) ? std::string("a folder has that name") : ec.message();
    fs::remove(tmp, ec);
    throw IoError("cannot write " + path.string() + ": " + message);
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

void writeFilesAtomically(const std::vector<std::pair<fs::path, std::string>>& files) {
  std::vector<fs::path> temporaries;
  std::error_code ec;
  try {
    for (const auto& [path, bytes] : files) {
      const fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
      if (!fs::is_directory(dir, ec)) {
        throw IoError("cannot write " + path.string() + ": directory " + dir.string() +
                      " does not exist");
      }
      if (fs::is_directory(path, ec))
        throw IoError("cannot write " + path.string() + ": a folder has that name");
      temporaries.push_back(temporaryPathFor(dir / path.filename()));
      std::ofstream out(temporaries.back(), std::ios::binary | std::ios::trunc);
      if (!out)
        throw IoError("cannot create " + temporaries.back().string() +
                      " (is the folder writable?)");
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      out.flush();
      if (!out) throw IoError("cannot write " + path.string() + " (disk full?)");
    }
  } catch (...) {
    for (const fs::path& tmp : temporaries) fs::remove(tmp, ec);
    throw;
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    fs::rename(temporaries[i], files[i].first, ec);
    if (ec) {
      const std::string message = ec.message();
      for (std::size_t j = i; j < files.size(); ++j) fs::remove(temporaries[j], ec);
      throw IoError("cannot write " + files[i].first.string() + ": " + message);
    }
  }
}

std::string readFile(const fs::path& path, std::uintmax_t maxBytes, const std::string& what) {
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(path, ec);
  if (!ec && maxBytes > 0 && size > maxBytes) {
    throw IoError(path.string() + ": " + std::to_string(size) + " bytes is more than " + what +
                  " may have (" + std::to_string(maxBytes) + " bytes)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot open " + path.string() + ": file does not exist or is unreadable");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace interp3d
