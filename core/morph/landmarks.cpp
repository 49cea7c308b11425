#include "morph/landmarks.h"

#include <cctype>
#include <cmath>
#include <cstdlib>

#include "util/atomic_file.h"
#include "util/error.h"

namespace interp3d {

namespace {
// Reads "[x, y, z]" after the key `key` starting at `pos`; advances `pos`. False if the key is
// absent.
bool readPoint(const std::string& text, const std::string& key, std::size_t& pos, glm::vec3& out,
               const std::string& file) {
  const std::size_t k = text.find("\"" + key + "\"", pos);
  if (k == std::string::npos) return false;
  std::size_t i = text.find('[', k);
  if (i == std::string::npos) throw IoError(file + ": '" + key + "' is not followed by [x, y, z]");
  ++i;
  for (int a = 0; a < 3; ++a) {
    while (i < text.size() && (std::isspace(static_cast<unsigned char>(text[i])) || text[i] == ','))
      ++i;
    char* end = nullptr;
    const double v = std::strtod(text.c_str() + i, &end);
    if (end == text.c_str() + i || !std::isfinite(v)) {
      throw IoError(file + ": '" + key + "' needs three finite numbers [x, y, z]");
    }
    out[a] = static_cast<float>(v);
    i = static_cast<std::size_t>(end - text.c_str());
  }
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  if (i >= text.size() || text[i] != ']')
    throw IoError(file + ": '" + key + "' must have exactly three numbers");
  pos = i + 1;
  return true;
}
}  // namespace

std::vector<Landmark> loadLandmarks(const std::filesystem::path& path) {
  const std::string text = readFile(path);
  const std::string file = path.string();
  if (text.find("\"pairs\"") == std::string::npos) {
    throw IoError(file +
                  ": not a landmark file (expected {\"pairs\": [{\"source\": [x,y,z], \"target\": "
                  "[x,y,z]}]})");
  }
  std::vector<Landmark> out;
  std::size_t pos = 0;
  for (;;) {
    Landmark l;
    if (!readPoint(text, "source", pos, l.source, file)) break;
    if (!readPoint(text, "target", pos, l.target, file))
      throw IoError(file + ": a 'source' point has no 'target'");
    out.push_back(l);
  }
  return out;
}

}  // namespace interp3d
