#include "jobs/option_table.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <iomanip>
#include <sstream>
#include <thread>

#include "util/error.h"

namespace interp3d {

namespace {

OptionSpec integer(std::string name, std::string def, double lo, double hi, std::string value,
                   std::string label, std::string help) {
  OptionSpec s;
  s.name = std::move(name);
  s.kind = OptionKind::Integer;
  s.defaultValue = std::move(def);
  s.min = lo, s.max = hi;
  s.valueName = std::move(value);
  s.label = std::move(label);
  s.help = std::move(help);
  return s;
}

OptionSpec number(std::string name, std::string def, double lo, double hi, std::string value,
                  std::string label, std::string help) {
  OptionSpec s = integer(std::move(name), std::move(def), lo, hi, std::move(value),
                         std::move(label), std::move(help));
  s.kind = OptionKind::Number;
  return s;
}

OptionSpec choice(std::string name, std::string def, std::vector<std::string> choices,
                  std::string label, std::string help) {
  OptionSpec s;
  s.name = std::move(name);
  s.kind = OptionKind::Choice;
  s.defaultValue = std::move(def);
  s.choices = std::move(choices);
  s.label = std::move(label);
  s.help = std::move(help);
  return s;
}

OptionSpec text(std::string name, std::string def, std::string value, std::string label,
                std::string help) {
  OptionSpec s;
  s.name = std::move(name);
  s.kind = OptionKind::Text;
  s.defaultValue = std::move(def);
  s.valueName = std::move(value);
  s.label = std::move(label);
  s.help = std::move(help);
  return s;
}

std::string formatNumber(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  std::ostringstream os;
  os << v;
  return os.str();
}

[[noreturn]] void rangeError(const OptionSpec& spec, const std::string& value) {
  const std::string what = spec.kind == OptionKind::Integer ? "an integer" : "a number";
  throw UsageError("--" + spec.name + " must be " + what + " from " + optionRange(spec) +
                   ", got '" + value + "'");
}

long parseInteger(const OptionSpec& spec, const std::string& value) {
  char* end = nullptr;
  errno = 0;
  const long v = std::strtol(value.c_str(), &end, 10);
  if (value.empty() || *end != '\0' || errno == ERANGE || v < spec.min || v > spec.max)
    rangeError(spec, value);
  return v;
}

double parseNumber(const OptionSpec& spec, const std::string& value) {
  char* end = nullptr;
  const double v = std::strtod(value.c_str(), &end);
  if (value.empty() || *end != '\0' || !std::isfinite(v) || v < spec.min || v > spec.max)
    rangeError(spec, value);
  return v;
}

void checkChoice(const OptionSpec& spec, const std::string& value) {
  for (const std::string& c : spec.choices)
    if (c == value) return;
  std::string list;
  for (std::size_t i = 0; i < spec.choices.size(); ++i)
    list += (i == 0 ? "" : i + 1 == spec.choices.size() ? " or " : ", ") + spec.choices[i];
  throw UsageError("--" + spec.name + " must be " + list + ", got '" + value + "'");
}

}  // namespace

const std::vector<OptionSpec>& morphOptionTable() {
  static const std::vector<OptionSpec> table = {
      integer("frames", "17", 2, 1000, "N", "Frames",
              "Frames in the sequence, source and target included"),
      integer("resolution", "64", 8, 256, "R", "Resolution",
              "Lattice cells across the shape: higher is finer and slower"),
      choice("schedule", "constant-speed", {"linear", "ease", "beta", "constant-speed"}, "Schedule",
             "How the morph advances: constant-speed (equal change per frame), linear, ease "
             "(ease in and out) or beta (slow ends, fast middle)"),
      number("ease-in", "0", 0, 1, "F", "Ease in",
             "How gently the morph starts: the timing curve's first handle (0 starts at full "
             "speed, 1 most gently)"),
      number("ease-out", "0", 0, 1, "F", "Ease out",
             "How gently the morph ends: the timing curve's second handle (0 ends at full speed, "
             "1 most gently)"),
      integer(
          "texture-size", "0", 0, 8192, "PIXELS", "Texture size",
          "Baked texture of each in-between frame meshed from the lattice, pixels per side "
          "(at least 16); 0: the power of two from 256 to 4096 at which the frame has as many "
          "texels per unit of surface as the denser input's texture (1024 when neither has "
          "one); a frame made of an input keeps that input's texture layout and size (one-topology "
          "in-betweens: twice or four times the source's size when over half its area the "
          "source's layout has fewer texels than the target's texture; the frames next to "
          "the source keep its own texture)"),
      integer(
          "max-triangles", "0", 0, 100000000, "N", "Triangle budget",
          "Most triangles of an in-between frame meshed from the lattice (never fewer than 500); "
          "0: as many as the larger input has"),
      choice("topology", "auto", {"auto", "source", "lattice"}, "Topology",
             "auto: when source and target have the same genus, the source's own mesh goes "
             "through every frame onto the target (one topology: shape keys, its UVs, live "
             "scrubbing), else each frame is meshed from the lattice; source: one topology "
             "however well the source lands; lattice: always mesh from the lattice"),
      choice("format", "glb", {"glb", "obj", "ply"}, "Format",
             "Frame files: glb (embedded texture), obj (+mtl+png) or ply (vertex colours)"),
      text("landmarks", "", "FILE", "Landmarks",
           "Landmark pairs the correspondence must respect: {\"pairs\": [{\"source\": [x,y,z], "
           "\"target\": [x,y,z]}]}, each point in its own mesh's units"),
      choice("align", "heading", {"none", "auto", "heading"}, "Align target to source",
             "auto turns the target onto the source first (best of the 24 axis rotations, then "
             "ICP); heading turns it about the up axis (+Y) to face the way the source faces "
             "(their symmetry planes made one, head end to head end); the frames turn from one "
             "pose to the other"),
      choice("tips", "on", {"on", "off"}, "Match tips",
             "on: the tips of both shapes (feet, ears, nose, tail: the ends farthest inside the "
             "solid from its middle) are matched by the way they point and join the landmarks "
             "where the match is clear; a landmark of yours near a tip wins"),
      integer("seed", "0", 0, 2147483647, "S", "Seed", "Seed of the surface sampling"),
      integer("threads", "0", 0, 256, "N", "Threads",
              "Worker threads (LibTorch, ray queries, lattice loops); 0 uses every core"),
      text("prior", "auto", "auto|on|off|FILE", "Learned prior",
           "The learned prior: auto (the shipped weights when present), on (the shipped "
           "weights), off, or a prior file written by train-prior"),
      text("prior-parts", defaultPriorParts().toString(), "LIST", "Prior parts",
           "Parts of the prior to use: codec,structure,descriptors (any of them), all or none"),
      number("prior-renoise", "0.7", 0, 1, "F", "Prior re-noise",
             "Structure prior: how much of the blended latent it keeps before integrating the "
             "flow back (1 keeps all of it, 0 starts from noise)"),
      integer("import-memory", "6144", 64, 1048576, "MB", "Importer memory",
              "Memory the importer may use to read one input file; a file that needs more is "
              "refused"),
      number("import-seconds", "120", 0.1, 86400, "S", "Importer time",
             "Time the importer may take to read one input file; a file that takes longer is "
             "refused"),
  };
  return table;
}

const OptionSpec& optionSpec(const std::string& name) {
  for (const OptionSpec& s : morphOptionTable())
    if (s.name == name) return s;
  throw UsageError("unknown option --" + name);
}

MorphSettings defaultMorphSettings() {
  MorphSettings settings;
  for (const OptionSpec& s : morphOptionTable()) applyOption(settings, s.name, s.defaultValue);
  return settings;
}

void applyOption(MorphSettings& settings, const std::string& name, const std::string& value) {
  const OptionSpec& spec = optionSpec(name);
  MorphOptions& o = settings.morph;
  if (spec.kind == OptionKind::Choice) checkChoice(spec, value);
  if (name == "frames") {
    o.frames = static_cast<int>(parseInteger(spec, value));
  } else if (name == "resolution") {
    o.fields.resolution = static_cast<int>(parseInteger(spec, value));
  } else if (name == "schedule") {
    o.timing.schedule = parseSchedule(value);
  } else if (name == "topology") {
    o.oneTopology.mode = parseTopologyMode(value);
  } else if (name == "ease-in") {
    o.timing.easeIn = parseNumber(spec, value);
  } else if (name == "ease-out") {
    o.timing.easeOut = parseNumber(spec, value);
  } else if (name == "max-triangles") {
    o.maxTriangles = static_cast<int>(parseInteger(spec, value));
  } else if (name == "texture-size") {
    o.texture.size = static_cast<int>(parseInteger(spec, value));
  } else if (name == "format") {
    settings.format = value;
  } else if (name == "landmarks") {
    settings.landmarksFile = value;
  } else if (name == "align") {
    o.align.enabled = value != "none";
    o.align.heading = value == "heading";
  } else if (name == "tips") {
    o.correspondence.extremities = value == "on";
  } else if (name == "seed") {
    o.seed = static_cast<std::uint32_t>(parseInteger(spec, value));
  } else if (name == "threads") {
    const long n = parseInteger(spec, value);
    o.threads = n > 0 ? static_cast<int>(n)
                      : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  } else if (name == "prior") {
    if (value.empty()) throw UsageError("--prior needs auto, on, off or a file");
    settings.prior = value;
  } else if (name == "prior-parts") {
    settings.priorParts = PriorParts::parse(value);
  } else if (name == "prior-renoise") {
    settings.priorRenoise = static_cast<float>(parseNumber(spec, value));
  } else if (name == "import-memory") {
    settings.import.limits.memoryMB = static_cast<int>(parseInteger(spec, value));
  } else if (name == "import-seconds") {
    settings.import.limits.seconds = parseNumber(spec, value);
  }
}

namespace {
// The shortest text that reads back as exactly `v`.
std::string exactNumber(double v) {
  for (int digits = 6; digits <= 17; ++digits) {
    std::ostringstream os;
    os << std::setprecision(digits) << v;
    if (std::strtod(os.str().c_str(), nullptr) == v) return os.str();
  }
  return formatNumber(v);
}
}  // namespace

std::string optionValue(const MorphSettings& settings, const std::string& name) {
  const MorphOptions& o = settings.morph;
  optionSpec(name);  // an unknown name is a UsageError
  if (name == "frames") return std::to_string(o.frames);
  if (name == "resolution") return std::to_string(o.fields.resolution);
  if (name == "schedule") return scheduleName(o.timing.schedule);
  if (name == "topology") return topologyModeName(o.oneTopology.mode);
  if (name == "ease-in") return exactNumber(o.timing.easeIn);
  if (name == "ease-out") return exactNumber(o.timing.easeOut);
  if (name == "max-triangles") return std::to_string(o.maxTriangles);
  if (name == "texture-size") return std::to_string(o.texture.size);
  if (name == "format") return settings.format;
  if (name == "landmarks") return settings.landmarksFile;
  if (name == "align") return !o.align.enabled ? "none" : o.align.heading ? "heading" : "auto";
  if (name == "tips") return o.correspondence.extremities ? "on" : "off";
  if (name == "seed") return std::to_string(o.seed);
  if (name == "threads") return std::to_string(o.threads);
  if (name == "prior") return settings.prior;
  if (name == "prior-parts") return settings.priorParts.toString();
  if (name == "prior-renoise") return exactNumber(settings.priorRenoise);
  if (name == "import-memory") return std::to_string(settings.import.limits.memoryMB);
  if (name == "import-seconds") return exactNumber(settings.import.limits.seconds);
  throw UsageError("option --" + name + " has no value to read");
}

std::string optionUsage(const OptionSpec& spec) {
  std::string values = spec.valueName;
  if (spec.kind == OptionKind::Choice) {
    values.clear();
    for (std::size_t i = 0; i < spec.choices.size(); ++i)
      values += (i ? "|" : "") + spec.choices[i];
  }
  return "--" + spec.name + " " + values;
}

std::string optionRange(const OptionSpec& spec) {
  if (spec.kind != OptionKind::Integer && spec.kind != OptionKind::Number) return "";
  return formatNumber(spec.min) + " to " + formatNumber(spec.max);
}

}  // namespace interp3d
