#include "io/mesh_precheck.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/error.h"

namespace fs = std::filesystem;

namespace interp3d {

namespace {

using json = nlohmann::json;

// How far from 1 the length of a node's rotation quaternion may be: exporters round to float, and
// read as a matrix a quaternion 1% too long stretches the mesh by about 2%, out of sight.
constexpr double kRotationSlack = 1e-2;

[[noreturn]] void fail(const fs::path& path, const std::string& what) {
  throw IoError(path.string() + ": " + what);
}

std::string readBytes(std::ifstream& in, std::uint64_t offset, std::uint64_t size) {
  std::string out(size, '\0');
  in.seekg(static_cast<std::streamoff>(offset));
  in.read(out.data(), static_cast<std::streamsize>(size));
  out.resize(static_cast<std::size_t>(in.gcount()));
  in.clear();
  return out;
}

std::uint32_t le32(const std::string& bytes, std::size_t at) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
  return v;
}

// ---- glTF ----

// A non-negative integer field of `object`, or `fallback` when absent.
std::uint64_t count(const fs::path& path, const json& object, const char* key,
                    const std::string& where, std::uint64_t fallback = 0) {
  if (!object.is_object() || !object.contains(key)) return fallback;
  const json& v = object.at(key);
  if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<std::int64_t>() >= 0))
    fail(path, where + ": \"" + key + "\" is not a count (" + v.dump() + ")");
  return v.get<std::uint64_t>();
}

const json& array(const json& j, const char* key) {
  static const json empty = json::array();
  if (j.is_object() && j.contains(key) && j.at(key).is_array()) return j.at(key);
  return empty;
}

void checkNodes(const fs::path& path, const json& gltf, const PrecheckLimits& limits) {
  const json& nodes = array(gltf, "nodes");
  const std::size_t n = nodes.size();
  std::vector<std::vector<std::size_t>> children(n);
  std::vector<int> parents(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    for (const json& c : array(nodes[i], "children")) {
      if (!c.is_number_integer() || c.get<std::int64_t>() < 0 ||
          static_cast<std::uint64_t>(c.get<std::int64_t>()) >= n)
        fail(path, "node " + std::to_string(i) + " has a child " + c.dump() +
                       " that does not exist (the file has " + std::to_string(n) + " nodes)");
      const std::size_t child = static_cast<std::size_t>(c.get<std::int64_t>());
      if (++parents[child] > 1)
        fail(path, "node " + std::to_string(child) + " has two parents; the nodes are not a tree");
      children[i].push_back(child);
    }
  }
  // Depth-first from the roots, without recursion: a chain of nodes is as deep as the file says.
  std::vector<bool> seen(n, false);
  std::vector<std::pair<std::size_t, int>> stack;
  for (std::size_t i = 0; i < n; ++i)
    if (parents[i] == 0) stack.emplace_back(i, 1);
  std::size_t reached = 0;
  while (!stack.empty()) {
    const auto [node, depth] = stack.back();
    stack.pop_back();
    seen[node] = true;
    ++reached;
    if (depth > limits.maxNodeDepth) {
      fail(path, "the scene's nodes nest more than " + std::to_string(limits.maxNodeDepth) +
                     " deep; no exporter writes such a scene");
    }
    for (std::size_t c : children[node]) stack.emplace_back(c, depth + 1);
  }
  if (reached < n) fail(path, "the scene's nodes form a cycle (a node is its own ancestor)");
  // A rotation must be a unit quaternion (glTF 2.0, 5.25): read as a matrix, a longer one scales
  // and shears the mesh (one of length 2 squashed it to a third of its height without a word).
  for (std::size_t i = 0; i < n; ++i) {
    const json& q =
        nodes[i].is_object() && nodes[i].contains("rotation") ? nodes[i]["rotation"] : json();
    if (!q.is_array()) continue;
    double length = 0.0;
    for (const json& c : q) length += c.is_number() ? c.get<double>() * c.get<double>() : 0.0;
    length = std::sqrt(length);
    if (q.size() != 4 || !(std::abs(length - 1.0) <= kRotationSlack)) {
      std::ostringstream what;
      what << "node " << i << "'s rotation " << q.dump() << " is not a unit quaternion (length "
           << length << "); re-export the file (the tool that wrote it broke the glTF rules)";
      fail(path, what.str());
    }
  }
}

// Extensions whose data the importer (Assimp 5.2) misreads or cannot decode, so that the mesh
// would come in wrong: refused by name rather than read as garbage.
void checkExtensions(const fs::path& path, const json& gltf) {
  std::vector<std::string> used;
  for (const char* list : {"extensionsUsed", "extensionsRequired"})
    for (const json& e : array(gltf, list))
      if (e.is_string()) used.push_back(e.get<std::string>());
  for (const std::string& e : used) {
    if (e == "KHR_mesh_quantization")
      fail(path,
           "its vertices are stored quantised (KHR_mesh_quantization), which the importer "
           "cannot read; export without quantisation (e.g. gltf-transform dequantize)");
    if (e == "EXT_meshopt_compression" || e == "KHR_meshopt_compression")
      fail(path, "its data is compressed with meshoptimizer (" + e +
                     "), which the importer cannot read; export it uncompressed");
  }
}

// How many bytes a data URI's payload decodes to.
std::uint64_t dataUriBytes(const std::string& uri) {
  const std::size_t comma = uri.find(',');
  if (comma == std::string::npos) return 0;
  const bool base64 = uri.rfind(";base64", comma) != std::string::npos;
  const std::uint64_t payload = uri.size() - comma - 1;
  return base64 ? payload / 4 * 3 + 3 : payload;
}

void checkBuffers(const fs::path& path, const json& gltf, std::uint64_t binBytes, bool isGlb) {
  const json& buffers = array(gltf, "buffers");
  std::vector<std::uint64_t> bufferBytes;
  std::uint64_t allBuffers = 0;
  for (std::size_t i = 0; i < buffers.size(); ++i) {
    const std::string where = "buffer " + std::to_string(i);
    const std::uint64_t length = count(path, buffers[i], "byteLength", where);
    std::uint64_t available = length;
    std::string source;
    if (!buffers[i].is_object() || !buffers[i].contains("uri")) {
      if (!isGlb) fail(path, where + " has no \"uri\" and the file is not a GLB");
      available = i == 0 ? binBytes : 0;
      source = "the file's binary chunk";
    } else if (buffers[i]["uri"].is_string()) {
      const std::string uri = buffers[i]["uri"].get<std::string>();
      if (uri.rfind("data:", 0) == 0) {
        available = dataUriBytes(uri);
        source = "its data URI";
      } else {
        std::error_code ec;
        const fs::path file = path.parent_path() / uri;
        const std::uintmax_t size = fs::file_size(file, ec);
        if (!ec) {
          available = size;
          source = uri;
        }
      }
    }
    if (length > available) {
      fail(path, where + " declares " + std::to_string(length) + " bytes but " + source +
                     " holds only " + std::to_string(available));
    }
    bufferBytes.push_back(length);
    allBuffers += length;
  }

  const json& views = array(gltf, "bufferViews");
  std::vector<std::uint64_t> viewBytes, viewStride;
  for (std::size_t i = 0; i < views.size(); ++i) {
    const std::string where = "buffer view " + std::to_string(i);
    const std::uint64_t buffer = count(path, views[i], "buffer", where, UINT64_MAX);
    if (buffer >= bufferBytes.size()) fail(path, where + " refers to a buffer that does not exist");
    const std::uint64_t offset = count(path, views[i], "byteOffset", where);
    const std::uint64_t length = count(path, views[i], "byteLength", where);
    if (offset > bufferBytes[buffer] || length > bufferBytes[buffer] - offset) {
      fail(path, where + " (bytes " + std::to_string(offset) + " + " + std::to_string(length) +
                     ") lies outside its buffer of " + std::to_string(bufferBytes[buffer]) +
                     " bytes");
    }
    viewBytes.push_back(length);
    viewStride.push_back(count(path, views[i], "byteStride", where));
  }

  const json& accessors = array(gltf, "accessors");
  for (std::size_t i = 0; i < accessors.size(); ++i) {
    const json& a = accessors[i];
    const std::string where = "accessor " + std::to_string(i);
    const std::uint64_t n = count(path, a, "count", where);
    const std::uint64_t component = [&]() -> std::uint64_t {
      switch (count(path, a, "componentType", where)) {
        case 5120:
        case 5121:
          return 1;
        case 5122:
        case 5123:
          return 2;
        default:
          return 4;
      }
    }();
    std::uint64_t components = 1;
    if (a.is_object() && a.contains("type") && a["type"].is_string()) {
      const std::string type = a["type"].get<std::string>();
      components = type == "VEC2"                     ? 2
                   : type == "VEC3"                   ? 3
                   : type == "VEC4" || type == "MAT2" ? 4
                   : type == "MAT3"                   ? 9
                   : type == "MAT4"                   ? 16
                                                      : 1;
    }
    const std::uint64_t element = component * components;
    if (n > (UINT64_MAX >> 8) / std::max<std::uint64_t>(element, 1))
      fail(path, where + " declares " + std::to_string(n) + " elements");
    if (a.is_object() && a.contains("bufferView")) {
      const std::uint64_t view = count(path, a, "bufferView", where);
      if (view >= viewBytes.size())
        fail(path, where + " refers to a buffer view that does not exist");
      const std::uint64_t offset = count(path, a, "byteOffset", where);
      const std::uint64_t stride = viewStride[view] > 0 ? viewStride[view] : element;
      const std::uint64_t needed = n == 0 ? 0 : offset + (n - 1) * stride + element;
      if (needed > viewBytes[view]) {
        fail(path, where + " declares " + std::to_string(n) + " elements (" +
                       std::to_string(needed) + " bytes) but its buffer view has " +
                       std::to_string(viewBytes[view]) + " bytes");
      }
    } else if (n * element > allBuffers + (std::uint64_t(1) << 24)) {
      fail(path, where + " declares " + std::to_string(n) +
                     " elements without data, more than the file's buffers could hold");
    }
  }
}

void checkGltfJson(const fs::path& path, const std::string& text, std::uint64_t binBytes,
                   bool isGlb, const PrecheckLimits& limits) {
  const json gltf = json::parse(text, nullptr, false);
  if (gltf.is_discarded() || !gltf.is_object())
    fail(path, "the glTF JSON is not valid JSON; the file is corrupt");
  checkExtensions(path, gltf);
  checkNodes(path, gltf, limits);
  checkBuffers(path, gltf, binBytes, isGlb);
}

void checkGlb(const fs::path& path, std::ifstream& in, std::uint64_t fileSize,
              const PrecheckLimits& limits) {
  const std::string header = readBytes(in, 0, 20);
  if (header.size() < 20) fail(path, "the GLB is shorter than its 20-byte header; it is truncated");
  const std::uint32_t total = le32(header, 8);
  if (total > fileSize) {
    fail(path, "the GLB header declares " + std::to_string(total) + " bytes but the file has " +
                   std::to_string(fileSize) + "; it is truncated");
  }
  const std::uint64_t jsonLength = le32(header, 12);
  if (le32(header, 16) != 0x4E4F534Au) fail(path, "the GLB's first chunk is not its JSON");
  if (20 + jsonLength > total) {
    fail(path, "the GLB's JSON chunk declares " + std::to_string(jsonLength) +
                   " bytes but the file has " + std::to_string(total - 20) + " after its header");
  }
  if (jsonLength > limits.maxJsonBytes)
    fail(path, "the GLB's JSON chunk has " + std::to_string(jsonLength) +
                   " bytes, more than "
                   "any real scene");
  const std::string text = readBytes(in, 20, jsonLength);
  // The binary chunk, if any, follows the JSON padded to 4 bytes.
  std::uint64_t binBytes = 0;
  const std::uint64_t binAt = 20 + ((jsonLength + 3) & ~std::uint64_t(3));
  if (binAt + 8 <= total) {
    const std::string chunk = readBytes(in, binAt, 8);
    if (chunk.size() == 8 && le32(chunk, 4) == 0x004E4942u) {
      binBytes = le32(chunk, 0);
      if (binAt + 8 + binBytes > total) {
        fail(path, "the GLB's binary chunk declares " + std::to_string(binBytes) +
                       " bytes but the file has " + std::to_string(total - binAt - 8) +
                       " after its header");
      }
    }
  }
  checkGltfJson(path, text, binBytes, true, limits);
}

// ---- PLY ----

std::uint64_t plyTypeBytes(const fs::path& path, const std::string& type) {
  static const std::pair<const char*, int> types[] = {
      {"char", 1},  {"uchar", 1},   {"int8", 1},   {"uint8", 1},  {"short", 2}, {"ushort", 2},
      {"int16", 2}, {"uint16", 2},  {"int", 4},    {"uint", 4},   {"int32", 4}, {"uint32", 4},
      {"float", 4}, {"float32", 4}, {"double", 8}, {"float64", 8}};
  for (const auto& [name, bytes] : types)
    if (type == name) return static_cast<std::uint64_t>(bytes);
  fail(path, "the PLY header names an unknown property type '" + type + "'");
}

void checkPly(const fs::path& path, std::ifstream& in, std::uint64_t fileSize) {
  const std::string head = readBytes(in, 0, std::min<std::uint64_t>(fileSize, 1 << 16));
  std::size_t end = head.find("end_header");
  if (end == std::string::npos)
    fail(path, "the PLY header has no end_header line; the file is truncated or not a PLY");
  std::size_t bodyStart = head.find('\n', end);
  bodyStart = bodyStart == std::string::npos ? head.size() : bodyStart + 1;
  std::istringstream lines(head.substr(0, end));
  std::string line;
  bool ascii = false, format = false;
  struct Element {
    std::string name;
    std::uint64_t count = 0;
    std::uint64_t minBytes = 0;  // of one element, in the smallest encoding
  };
  std::vector<Element> elements;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    // Every line of a header is printable text and one of the forms the format defines (a
    // mangled line sends Assimp's reader into the body as if it were header, where it crashes).
    std::string shown = line.substr(0, 40);
    for (char& c : shown)
      if (static_cast<unsigned char>(c) < 32 || static_cast<unsigned char>(c) > 126) c = '?';
    const auto notHeader = [&](const std::string& why) {
      fail(path, "line " + std::to_string(number) + " of the PLY header ('" + shown + "') " + why +
                     "; the file is corrupt");
    };
    if (!std::all_of(line.begin(), line.end(), [](char c) {
          return c == '\t' ||
                 (static_cast<unsigned char>(c) >= 32 && static_cast<unsigned char>(c) <= 126);
        }))
      notHeader("is not text");
    std::istringstream split(line);
    std::vector<std::string> w;
    for (std::string word; split >> word;) w.push_back(word);
    const std::string keyword = w.empty() ? "" : w[0];
    const bool known = (number == 1 && keyword == "ply" && w.size() == 1) ||
                       (keyword == "format" && w.size() == 3) || keyword == "comment" ||
                       keyword == "obj_info" || (keyword == "element" && w.size() == 3) ||
                       (keyword == "property" &&
                        ((w.size() == 3 && w[1] != "list") || (w.size() == 5 && w[1] == "list"))) ||
                       (keyword.empty() && number > 1);
    if (!known) notHeader("is not a PLY header line");
    if (keyword == "format") {
      const std::string& kind = w[1];
      if (kind != "ascii" && kind != "binary_little_endian" && kind != "binary_big_endian")
        fail(path, "the PLY format '" + kind + "' is not ascii or binary");
      ascii = kind == "ascii";
      format = true;
    } else if (keyword == "element") {
      Element e;
      e.name = w[1];
      const std::string& n = w[2];
      if (n.size() > 19 || !std::all_of(n.begin(), n.end(), ::isdigit))
        fail(path, "the PLY element '" + e.name + "' has no count ('" + n + "')");
      e.count = std::stoull(n);
      elements.push_back(e);
    } else if (keyword == "property") {
      if (elements.empty()) fail(path, "the PLY header has a property before any element");
      if (w[1] == "list") {
        plyTypeBytes(path, w[3]);
        elements.back().minBytes += ascii ? 2 : plyTypeBytes(path, w[2]);
      } else {
        elements.back().minBytes += ascii ? 2 : plyTypeBytes(path, w[1]);
      }
    }
  }
  if (!format) fail(path, "the PLY header has no format line");
  const std::uint64_t body = fileSize - std::min<std::uint64_t>(fileSize, bodyStart);
  std::uint64_t needed = 0;
  for (const Element& e : elements) {
    // Even an element without properties is a line (ASCII) the reader allocates for.
    const std::uint64_t each = std::max<std::uint64_t>(e.minBytes, 1);
    if (e.count > (body - needed) / each) {
      fail(path, "the PLY header declares " + std::to_string(e.count) + " " + e.name +
                     " elements but only " + std::to_string(body) +
                     " bytes follow the header; the file is truncated");
    }
    needed += e.count * each;
  }
}

// ---- OFF ----

void checkOff(const fs::path& path, std::ifstream& in, std::uint64_t fileSize) {
  in.seekg(0);
  std::string line;
  // The next line that is not blank or a comment, split into words.
  auto next = [&](std::vector<std::string>& words) {
    while (std::getline(in, line)) {
      const std::size_t hash = line.find('#');
      if (hash != std::string::npos) line.resize(hash);
      std::istringstream s(line);
      words.clear();
      for (std::string w; s >> w;) words.push_back(w);
      if (!words.empty()) return true;
    }
    return false;
  };
  std::vector<std::string> words;
  if (!next(words)) fail(path, "the OFF file is empty");
  const std::string keyword = words[0];
  if (keyword.size() < 3 || keyword.compare(keyword.size() - 3, 3, "OFF") != 0) {
    // No header Assimp names (it reads on, taking numbers from the first lines as counts): no
    // number there may claim more vertices or faces than the file can hold.
    std::vector<std::string> second;
    const bool more = next(second);
    for (const std::vector<std::string>* l : {&words, more ? &second : nullptr}) {
      if (!l) continue;
      for (const std::string& w : *l) {
        for (std::size_t i = 0; i < w.size();) {
          if (!std::isdigit(static_cast<unsigned char>(w[i]))) {
            ++i;
            continue;
          }
          std::size_t j = i;
          while (j < w.size() && std::isdigit(static_cast<unsigned char>(w[j]))) ++j;
          const std::string digits = w.substr(i, j - i);
          if (digits.size() > 18 || std::stoull(digits) > fileSize / 6)
            fail(path, "the OFF file's header declares " + digits +
                           " vertices or faces, more than its " + std::to_string(fileSize) +
                           " bytes can hold");
          i = j;
        }
      }
    }
    return;
  }
  if (words.size() > 1 && words[1] == "BINARY") return;  // binary OFF: left to the importer
  std::vector<std::string> counts(words.begin() + 1, words.end());
  if (counts.empty()) {
    if (!next(words)) fail(path, "the OFF header has no vertex and face counts");
    counts = words;
  }
  auto parseCount = [&](const std::string& w, const char* what) -> std::uint64_t {
    if (w.empty() || w.size() > 19 || !std::all_of(w.begin(), w.end(), ::isdigit))
      fail(path, std::string("the OFF header's ") + what + " count '" + w + "' is not a count");
    return std::stoull(w);
  };
  if (counts.size() < 2) fail(path, "the OFF header has no vertex and face counts");
  const std::uint64_t nv = parseCount(counts[0], "vertex");
  const std::uint64_t nf = parseCount(counts[1], "face");
  // The shortest vertex is "0 0 0\n" (6 bytes), the shortest face "3 0 0 0\n" (8).
  if (nv > fileSize / 6 || nf > fileSize / 8 || nv * 6 + nf * 8 > fileSize) {
    fail(path, "the OFF header declares " + std::to_string(nv) + " vertices and " +
                   std::to_string(nf) + " faces, more than its " + std::to_string(fileSize) +
                   " bytes can hold; the file is truncated");
  }
  for (std::uint64_t v = 0; v < nv; ++v) {
    if (!next(words))
      fail(path, "the OFF file ends after " + std::to_string(v) + " of its " + std::to_string(nv) +
                     " vertices");
  }
  for (std::uint64_t f = 0; f < nf; ++f) {
    if (!next(words))
      fail(path, "the OFF file ends after " + std::to_string(f) + " of its " + std::to_string(nf) +
                     " faces");
    char* endp = nullptr;
    const long k = std::strtol(words[0].c_str(), &endp, 10);
    if (*endp != '\0' || k < 0 || static_cast<std::size_t>(k) + 1 > words.size())
      fail(path, "face " + std::to_string(f) + " of the OFF file does not list its vertices");
    for (long i = 1; i <= k; ++i) {
      const long long idx = std::strtoll(words[i].c_str(), &endp, 10);
      if (*endp != '\0' || idx < 0 || static_cast<std::uint64_t>(idx) >= nv) {
        fail(path, "face " + std::to_string(f) + " refers to vertex " + words[i] +
                       " but the vertices are numbered 0 to " + std::to_string(nv - 1));
      }
    }
  }
}

// ---- STL ----

void checkStl(const fs::path& path, std::ifstream& in, std::uint64_t fileSize) {
  const std::string head = readBytes(in, 0, std::min<std::uint64_t>(fileSize, 512));
  const bool ascii = head.rfind("solid", 0) == 0 && head.find("facet") != std::string::npos;
  if (ascii) return;
  if (fileSize < 84) fail(path, "the binary STL is shorter than its 84-byte header");
  const std::uint64_t triangles = le32(head, 80);
  if (84 + 50 * triangles > fileSize) {
    fail(path, "the STL header declares " + std::to_string(triangles) +
                   " triangles but the file holds only " + std::to_string((fileSize - 84) / 50));
  }
}

}  // namespace

// ---- OBJ ----

// Assimp reads the integer part of an OBJ number as a 64-bit integer: 20 digits or more wrap
// around to nonsense (99999999999999999999 became 0) without a word. Such a number in a vertex
// line ("v", "vt", "vn") is refused; written with an exponent it reads correctly.
void checkObj(const fs::path& path, std::ifstream& in) {
  in.clear();
  in.seekg(0);
  std::vector<char> buffer(1 << 20);
  std::uint64_t line = 1;
  bool lineStart = true, vertexLine = false, afterPoint = false;
  int digits = 0;
  char previous = '\n';
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const std::streamsize n = in.gcount();
    for (std::streamsize i = 0; i < n; ++i) {
      const char c = buffer[static_cast<std::size_t>(i)];
      if (c == '\0')  // the importer only said "Invalid face index"
        fail(path, "line " + std::to_string(line) +
                       ": binary data where an OBJ has text; is it another kind of file?");
      if (lineStart) vertexLine = c == 'v';
      lineStart = c == '\n';
      if (c == '\n') ++line;
      if (!vertexLine) {
        previous = c;
        continue;
      }
      if (c >= '0' && c <= '9') {
        if (!afterPoint && ++digits == 20)
          fail(path, "line " + std::to_string(line) +
                         ": a coordinate has 20 or more digits before its point, more than the "
                         "importer reads correctly; write it with an exponent (e.g. 1e20)");
      } else {
        afterPoint = c == '.' || c == 'e' || c == 'E' ||
                     (afterPoint && (c == '+' || c == '-') && (previous == 'e' || previous == 'E'));
        digits = 0;
      }
      previous = c;
    }
  }
}

std::string lowerExtension(const fs::path& path) {
  std::string e = path.extension().string();
  for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return e;
}

void precheckMeshFile(const fs::path& path, const PrecheckLimits& limits) {
  std::error_code ec;
  const std::uint64_t size = fs::file_size(path, ec);
  if (ec) fail(path, "cannot read the file (" + ec.message() + ")");
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path, "cannot open the file");
  const std::string magic = readBytes(in, 0, 4);
  const std::string ext = lowerExtension(path);
  if (ext == ".obj") {  // read by its name as an OBJ, whatever it holds: say what it is
    if (magic.rfind("\xFF\xFE", 0) == 0 || magic.rfind("\xFE\xFF", 0) == 0)
      fail(path, "the OBJ is saved as UTF-16 text; save it as UTF-8 (or plain ASCII)");
    const char* kind = magic == "glTF"                       ? "a binary glTF (GLB) file"
                       : magic == "\x89PNG"                  ? "a PNG image"
                       : magic.rfind("\xFF\xD8\xFF", 0) == 0 ? "a JPEG image"
                       : magic.rfind("ply", 0) == 0          ? "a PLY file"
                                                             : nullptr;
    if (kind)
      fail(path, std::string("this is ") + kind + ", not an OBJ; give it its own extension");
  }
  if (magic == "glTF") return checkGlb(path, in, size, limits);
  if (ext == ".gltf") {
    if (size > limits.maxJsonBytes)
      fail(path, "the glTF JSON has " + std::to_string(size) + " bytes, more than any real scene");
    return checkGltfJson(path, readBytes(in, 0, size), 0, false, limits);
  }
  if (magic.rfind("ply", 0) == 0) return checkPly(path, in, size);
  if (ext == ".off") return checkOff(path, in, size);
  if (ext == ".stl") return checkStl(path, in, size);
  if (ext == ".obj") return checkObj(path, in);
}

std::string gltfJsonText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  if (readBytes(in, 0, 4) == "glTF") {
    const std::string header = readBytes(in, 0, 20);
    if (header.size() < 20 || le32(header, 16) != 0x4E4F534Au) return {};
    return readBytes(in, 20,
                     std::min<std::uint64_t>(le32(header, 12), PrecheckLimits{}.maxJsonBytes));
  }
  if (lowerExtension(path) != ".gltf") return {};
  in.seekg(0);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace interp3d
