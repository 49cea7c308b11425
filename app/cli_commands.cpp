#include "cli_commands.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <sstream>

#include <iomanip>
#include <thread>

#include <unistd.h>

#include "bench/correspondence_bench.h"
#include "bench/prior_ablation.h"
#include "bench/semantic_bench.h"
#include "bench/vs_openvdb.h"
#include "io/image_io.h"
#include "io/mesh_export.h"
#include "io/mesh_import.h"
#include "jobs/morph_job.h"
#include "jobs/option_table.h"
#include "lattice/adaptive_mesh.h"
#include "lattice/solid_field.h"
#include "mesh/demo_assets.h"
#include "mesh/hostile_variants.h"
#include "mesh/mesh_info.h"
#include "mesh/normalize.h"
#include "mesh/subdivide.h"
#include "mesh/topology.h"
#include "metrics/sequence_evaluation.h"
#include "morph/landmarks.h"
#include "prior/learned_prior.h"
#include "prior/loss_plot.h"
#include "prior/prior_training.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "util/signal_cancel.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace fs = std::filesystem;

namespace interp3d::cli {

namespace {

struct Command {
  std::string usage;
  std::string help;
  std::function<int(const Args&, SignalCancel&)> run;
};

bool wantsHelp(const Args& a) {
  for (const std::string& s : a) {
    if (s == "--help" || s == "-h") return true;
  }
  return false;
}

// Splits arguments into positionals and --flags (a flag in `valued` takes the next argument).
struct Parsed {
  std::vector<std::string> positional;
  std::map<std::string, std::string> flags;
};
Parsed parse(const Args& args, const std::vector<std::string>& boolFlags,
             const std::vector<std::string>& valued) {
  Parsed p;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.rfind("--", 0) == 0) {
      if (std::find(boolFlags.begin(), boolFlags.end(), a) != boolFlags.end()) {
        p.flags[a] = "1";
      } else if (std::find(valued.begin(), valued.end(), a) != valued.end()) {
        if (i + 1 >= args.size()) throw UsageError("option " + a + " needs a value");
        p.flags[a] = args[++i];
      } else {
        throw UsageError("unknown option " + a);
      }
    } else {
      p.positional.push_back(a);
    }
  }
  return p;
}

void expectPositionals(const Parsed& p, std::size_t n, const char* usage) {
  if (p.positional.size() != n) throw UsageError(std::string("expected: ") + usage);
}

int parseInt(const std::string& s, const std::string& what, int lo, int hi) {
  char* end = nullptr;
  const long v = std::strtol(s.c_str(), &end, 10);
  if (s.empty() || *end != '\0' || v < lo || v > hi) {
    throw UsageError(what + " must be an integer from " + std::to_string(lo) + " to " +
                     std::to_string(hi) + ", got '" + s + "'");
  }
  return static_cast<int>(v);
}

using Clock = std::chrono::steady_clock;
double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Every option of the table in `p` into `settings`.
void applyTableOptions(const Parsed& p, MorphSettings& settings) {
  for (const OptionSpec& spec : morphOptionTable()) {
    const auto it = p.flags.find("--" + spec.name);
    if (it != p.flags.end()) applyOption(settings, spec.name, it->second);
  }
}

// The table's options as command-line flags (--frames, ...), plus `extra`.
std::vector<std::string> tableFlags(std::vector<std::string> extra,
                                    const std::vector<std::string>& only = {}) {
  for (const OptionSpec& spec : morphOptionTable()) {
    if (only.empty() || std::find(only.begin(), only.end(), spec.name) != only.end())
      extra.push_back("--" + spec.name);
  }
  return extra;
}

const char* const kMirrorHelp =
    "  --mirror-landmarks\n      With --landmarks: adds each pair's mirror image across the "
    "vertical symmetry planes\n      of both meshes (mark one side of a symmetric pair). Images "
    "on the plane or within 5%\n      of a marked point are left out; nothing is mirrored when "
    "either mesh is not\n      mirror-symmetric; at most 256 pairs in all.\n";

// The importer's limits, options of every command that reads a mesh.
const std::vector<std::string> kImportOptions = {"import-memory", "import-seconds"};
const char* const kImportHelp =
    "\n\nOptions:\n  --import-memory MB, --import-seconds S\n      The importer's limits for "
    "reading a file (see morph --help).";

ImportOptions importOptions(const Parsed& p) {
  MorphSettings settings = defaultMorphSettings();
  applyTableOptions(p, settings);
  return settings.import;
}

LoadedMesh loadReporting(const fs::path& path, const ImportOptions& options = {}) {
  LoadedMesh loaded = loadMesh(path, options);
  for (const std::string& w : loaded.warnings) std::cerr << "warning: " << w << "\n";
  return loaded;
}

int cmdInfo(const Args& args, SignalCancel&) {
  const Parsed p = parse(args, {"--json"}, tableFlags({}, kImportOptions));
  expectPositionals(p, 1, "interp3d-cli info FILE [--json]");
  const auto start = Clock::now();
  const LoadedMesh loaded = loadReporting(p.positional[0], importOptions(p));
  const MeshInfo info = describeMesh(loaded.mesh, p.positional[0]);
  const double seconds = secondsSince(start);
  if (p.flags.count("--json")) {
    std::cout << formatJson(info) << "\n";
  } else {
    std::cout << formatText(info) << "load time:   " << seconds << " s\n";
  }
  return 0;
}

// A result written over its own input would lose the artist's file (a typo: convert a.obj a.obj).
void refuseOverwritingInput(const std::string& in, const std::string& out) {
  std::error_code ec;
  if (fs::exists(out, ec) && fs::equivalent(in, out, ec))
    throw UsageError(out + ": is the input file itself; write the result to another file");
}

int cmdConvert(const Args& args, SignalCancel&) {
  const Parsed p = parse(args, {}, tableFlags({}, kImportOptions));
  expectPositionals(p, 2, "interp3d-cli convert IN OUT");
  refuseOverwritingInput(p.positional[0], p.positional[1]);
  formatFromExtension(p.positional[1]);  // fail on a bad extension before loading
  const LoadedMesh loaded = loadReporting(p.positional[0], importOptions(p));
  saveMesh(loaded.mesh, p.positional[1]);
  std::cerr << "wrote " << p.positional[1] << "\n";
  return 0;
}

int cmdSubdivide(const Args& args, SignalCancel&) {
  const Parsed p = parse(args, {}, tableFlags({"--levels"}, kImportOptions));
  expectPositionals(p, 2, "interp3d-cli subdivide IN OUT [--levels N]");
  refuseOverwritingInput(p.positional[0], p.positional[1]);
  const int levels =
      p.flags.count("--levels") ? parseInt(p.flags.at("--levels"), "--levels", 0, 6) : 1;
  formatFromExtension(p.positional[1]);
  const LoadedMesh loaded = loadReporting(p.positional[0], importOptions(p));
  const TexturedMesh out = subdivideMidpoint(loaded.mesh, levels);
  saveMesh(out, p.positional[1]);
  std::cerr << "wrote " << p.positional[1] << " (" << out.triangleCount() << " triangles)\n";
  return 0;
}

int cmdHostile(const Args& args, SignalCancel&) {
  const Parsed p = parse(args, {}, tableFlags({"--amount"}, kImportOptions));
  expectPositionals(p, 3, "interp3d-cli hostile KIND IN OUT [--amount X]");
  refuseOverwritingInput(p.positional[1], p.positional[2]);
  double amount = 0.0;
  if (p.flags.count("--amount")) {
    char* end = nullptr;
    const std::string& v = p.flags.at("--amount");
    amount = std::strtod(v.c_str(), &end);
    if (v.empty() || *end || !std::isfinite(amount))
      throw UsageError("--amount must be a number, got '" + v + "'");
  }
  formatFromExtension(p.positional[2]);
  hostileVariant(TexturedMesh{}, p.positional[0], 0.0);  // an unknown kind fails before loading
  const LoadedMesh loaded = loadReporting(p.positional[1], importOptions(p));
  const TexturedMesh out = hostileVariant(loaded.mesh, p.positional[0], amount);
  saveMesh(out, p.positional[2]);
  std::cerr << "wrote " << p.positional[2] << " (" << out.triangleCount() << " triangles)\n";
  return 0;
}

// The solid a morph makes of a mesh (stage 1), written as its surface: what the morph sees.
int cmdSolid(const Args& args, SignalCancel&) {
  const Parsed p =
      parse(args, {}, tableFlags({}, {"resolution", "import-memory", "import-seconds"}));
  expectPositionals(p, 2, "interp3d-cli solid IN OUT [--resolution R]");
  refuseOverwritingInput(p.positional[0], p.positional[1]);
  MorphSettings settings = defaultMorphSettings();
  applyTableOptions(p, settings);
  formatFromExtension(p.positional[1]);
  const LoadedMesh loaded = loadReporting(p.positional[0], settings.import);
  TexturedMesh unit = loaded.mesh;
  const Similarity toUnit = normalizeToUnitCube(unit);
  SolidOptions options = settings.morph.fields.solid;
  options.threads = settings.morph.threads;
  const int r = settings.morph.fields.resolution;
  SolidField solid;
  try {
    solid = solidField(unit, GridSpec::unitCube(r, settings.morph.fields.margin), options);
  } catch (const MeshError& e) {
    throw MeshError(p.positional[0] + ": " + e.what());
  }
  TexturedMesh surface = adaptiveZeroSurface(solid.sdf, 0.0);
  applyInverseSimilarity(surface, toUnit);
  computeVertexNormals(surface);
  saveMesh(surface, p.positional[1]);
  const TopologyStats t = computeTopology(surface);
  std::cout << p.positional[0] << ": " << solid.describe() << "\n"
            << "solid at resolution " << r << ": " << surface.triangleCount() << " triangles, "
            << t.components << (t.components == 1 ? " part" : " parts") << ", genus " << t.genus
            << "\n";
  return 0;
}

int cmdDemo(const Args& args, SignalCancel&) {
  const Parsed p = parse(args, {}, {"--format"});
  expectPositionals(p, 1, "interp3d-cli demo OUTDIR [--format glb|obj|ply]");
  const std::string ext = p.flags.count("--format") ? p.flags.at("--format") : "glb";
  const fs::path dir = p.positional[0];
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw IoError("cannot create " + dir.string() + ": " + ec.message());
  const fs::path creature = dir / ("creature." + ext), torus = dir / ("torus." + ext);
  formatFromExtension(creature);
  saveMesh(makeDemoCreature(), creature);
  saveMesh(makeDemoTorus(), torus);
  std::cout << creature.string() << "\n" << torus.string() << "\n";
  return 0;
}

// The percent the live progress line shows (-1: no line), for warnings to clear it first.
std::shared_ptr<int> shownProgress;

// Progress on stderr as one rewritten line, on a terminal only: into a file or a pipe (a log, a
// script) its carriage returns ran the stages and the warnings together on one line, so there it
// is left out, as progress bars are. `end` closes the line: kept (a newline) after work that
// finished, erased before an error so the error is the only line left.
struct TerminalProgress {
  std::shared_ptr<int> last = std::make_shared<int>(-1);  // percent shown, -1 before any
  Progress progress;

  explicit TerminalProgress(std::shared_ptr<std::atomic<bool>> cancel) {
    shownProgress = last;
    if (!isatty(STDERR_FILENO)) {
      progress = Progress(nullptr, std::move(cancel));
      return;
    }
    progress = Progress(
        [last = last](double fraction, const std::string& stage) {
          const int percent = static_cast<int>(fraction * 100.0);
          if (percent == *last) return;
          *last = percent;
          std::cerr << "\r[" << std::setw(3) << percent << "%] " << std::left << std::setw(24)
                    << stage << std::right << std::flush;
        },
        std::move(cancel));
  }
  ~TerminalProgress() {
    end(false);
    if (shownProgress == last) shownProgress.reset();
  }
  TerminalProgress(const TerminalProgress&) = delete;
  TerminalProgress& operator=(const TerminalProgress&) = delete;
  void end(bool keep) const {
    if (*last < 0) return;
    std::cerr << (keep ? "\n" : "\r" + std::string(40, ' ') + "\r");
    *last = -1;
  }
};

// Ctrl-C and SIGTERM cancel the job watched while it lives; `cancel` is its flag.
struct InterruptScope {
  SignalCancel& signals;
  std::shared_ptr<std::atomic<bool>> cancel = std::make_shared<std::atomic<bool>>(false);
  explicit InterruptScope(SignalCancel& s) : signals(s) { signals.watch(cancel); }
  ~InterruptScope() { signals.unwatch(); }
};

// A warning on a line of its own: a progress line shown is cleared first and drawn again at its
// next report.
void printWarning(const std::string& w) {
  if (shownProgress && *shownProgress >= 0) {
    std::cerr << "\r" << std::string(40, ' ') << "\r";
    *shownProgress = -1;
  }
  std::cerr << "warning: " << w << "\n";
}

// Usage help of the table's options: one paragraph each with default and range.
std::string tableHelp(const std::vector<std::string>& only = {}) {
  std::ostringstream os;
  for (const OptionSpec& spec : morphOptionTable()) {
    if (!only.empty() && std::find(only.begin(), only.end(), spec.name) == only.end()) continue;
    os << "  " << optionUsage(spec) << "\n      " << spec.help;
    if (spec.kind == OptionKind::Integer || spec.kind == OptionKind::Number)
      os << " (" << optionRange(spec) << ")";
    if (!spec.defaultValue.empty()) os << "; default " << spec.defaultValue;
    os << ".\n";
  }
  return os.str();
}

// The arguments of `command` SRC DST `required` ("--out DIR": a valued flag it needs) with the
// option table and `switches`, and the morph settings they give.
Parsed parsePairCommand(const Args& args, const std::string& command, const std::string& required,
                        const std::vector<std::string>& switches, MorphSettings& settings) {
  const std::string flag = required.substr(0, required.find(' '));
  std::string usage = "interp3d-cli " + command + " SRC DST " + required;
  for (const std::string& s : switches) usage += " [" + s + "]";
  const Parsed p = parse(args, switches, tableFlags({flag}));
  expectPositionals(p, 2, (usage + " [options]").c_str());
  if (!p.flags.count(flag)) throw UsageError(command + " needs " + required);
  settings = defaultMorphSettings();
  applyTableOptions(p, settings);
  return p;
}

int cmdMorph(const Args& args, SignalCancel& signals) {
  MorphSettings settings;
  const Parsed p = parsePairCommand(args, "morph", "--out DIR", {"--mirror-landmarks"}, settings);
  settings.morph.mirrorLandmarks = p.flags.count("--mirror-landmarks") > 0;
  const InterruptScope interrupt(signals);
  const TerminalProgress terminal(interrupt.cancel);
  const auto start = Clock::now();
  MorphRun run;
  const JobResult r = runJob([&] {
    run = morphFiles(settings, p.positional[0], p.positional[1], p.flags.at("--out"),
                     terminal.progress, printWarning);
  });
  terminal.end(r.status != JobStatus::Failed);
  if (r.status == JobStatus::Cancelled) {
    std::error_code ec;
    if (fs::exists(fs::path(p.flags.at("--out")) / "manifest.json", ec)) {
      std::cerr << "interp3d-cli: error: cancelled; manifest.json lists the frames written, each "
                   "complete\n";
    } else {
      std::cerr << "interp3d-cli: error: cancelled before any frame was written\n";
    }
    return 130;
  }
  if (r.status == JobStatus::Failed) throw Error(r.message);
  for (const auto& [stage, seconds] : run.timings)
    std::cerr << "  " << stage << ": " << seconds << " s\n";
  std::cerr << "wrote " << run.frames.size() << " frames to " << p.flags.at("--out") << " in "
            << secondsSince(start) << " s\n";
  return 0;
}

int cmdCorrespond(const Args& args, SignalCancel& signals) {
  MorphSettings settings;
  const Parsed p = parsePairCommand(args, "correspond", "--points P.json",
                                    {"--json", "--mirror-landmarks"}, settings);
  settings.morph.mirrorLandmarks = p.flags.count("--mirror-landmarks") > 0;
  const InterruptScope interrupt(signals);
  const TerminalProgress terminal(interrupt.cancel);
  std::vector<Landmark> pairs;
  const JobResult r = runJob([&] {
    pairs = correspondFiles(settings, p.positional[0], p.positional[1], p.flags.at("--points"),
                            terminal.progress, printWarning);
  });
  terminal.end(false);
  if (r.status == JobStatus::Cancelled) {
    std::cerr << "interp3d-cli: error: cancelled\n";
    return 130;
  }
  if (r.status == JobStatus::Failed) throw Error(r.message);
  if (p.flags.count("--json")) {
    std::cout << landmarksJson(pairs);
  } else {
    for (const Landmark& l : pairs)
      std::cout << l.source.x << " " << l.source.y << " " << l.source.z << " -> " << l.target.x
                << " " << l.target.y << " " << l.target.z << "\n";
  }
  return 0;
}

int benchCorrespondenceCommand(const Parsed& p, const MorphOptions& options) {
  if (p.positional.size() < 2)
    throw UsageError("expected: interp3d-cli bench correspondence MESH...");
  std::cout << "mesh                               ours      nearest   points  seconds  (errors: "
               "mean distance "
               "to the true match / diagonal)\n";
  for (std::size_t i = 1; i < p.positional.size(); ++i) {
    const LoadedMesh loaded = loadReporting(p.positional[i]);
    const CorrespondenceBenchResult r = benchCorrespondence(loaded.mesh, options.seed, options);
    const std::string name = fs::path(p.positional[i]).filename().string();
    std::cout << std::left << std::setw(32) << name << std::right << std::fixed
              << std::setprecision(4) << std::setw(9) << r.ourError << std::setw(11)
              << r.nearestError << std::setw(9) << r.points << std::setw(9) << std::setprecision(2)
              << r.seconds << "\n";
  }
  return 0;
}

// Both methods on the same pair, same voxel size and frame count; metrics side by side.
int benchVsOpenVdbCommand(const Parsed& p, const MorphOptions& options) {
  if (p.positional.size() != 3)
    throw UsageError("expected: interp3d-cli bench vs-openvdb SRC DST [--frames N]");
  const fs::path out = p.flags.count("--out") ? fs::path(p.flags.at("--out"))
                                              : fs::temp_directory_path() / "interp3d-vs-openvdb";
  const VsOpenVdbReport r = benchVsOpenVdb(p.positional[1], p.positional[2], options, out);
  std::cout << std::fixed << std::setprecision(4)
            << "metric                               ours     openvdb   ratio\n";
  auto row = [](const std::string& name, double x, double y) {
    std::cout << std::left << std::setw(36) << name << std::right << std::setw(9) << x
              << std::setw(11) << y << std::setw(9) << (y != 0.0 ? x / y : 0.0) << "\n";
  };
  row("seconds (written frames)", r.oursSeconds, r.openVdbSeconds);
  for (std::size_t m = 0; m < r.ours.size(); ++m)
    row(r.ours[m].name, r.ours[m].value, r.openVdb[m].value);
  std::cout << "frames: " << out.string() << "/ours and " << out.string()
            << "/openvdb; openvdb pseudo-time " << r.pseudoTime << " in " << r.iterations
            << " CFL steps, " << r.openVdbMorphSeconds << " s before writing\n";
  return 0;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "none" : out;
}

// Each configuration of the learned prior on the same pair, every metric of `evaluate` side by
// side, and for each configuration against the first: which metrics improve and which worsen by
// more than 5% (the rule for turning a part on by default).
int benchPriorCommand(const Parsed& p, const MorphSettings& settings) {
  if (p.positional.size() != 3)
    throw UsageError(
        "expected: interp3d-cli bench prior SRC DST [--prior on|FILE] [--configs LIST]");
  const fs::path out = p.flags.count("--out") ? fs::path(p.flags.at("--out"))
                                              : fs::temp_directory_path() / "interp3d-prior-bench";
  std::vector<std::string> configs;
  {
    std::stringstream in(p.flags.count("--configs") ? p.flags.at("--configs")
                                                    : "none,codec,structure,descriptors");
    std::string c;
    while (std::getline(in, c, ',')) configs.push_back(c);
  }
  for (const std::string& c : configs) ablationParts(c);  // every name checked before any work
  const std::string priorSetting = settings.prior == "auto" ? "on" : settings.prior;
  const std::shared_ptr<const LearnedPrior> prior =
      resolvePrior(priorSetting, settings.morph.threads);
  RefineOptions refine;
  refine.renoise = settings.priorRenoise;
  refine.steps = settings.priorSteps;
  refine.seed = settings.morph.seed;
  const std::vector<AblationRow> rows =
      benchPriorAblation(p.positional[1], p.positional[2], settings.morph, prior, refine, configs,
                         out, [](const std::string& config, double seconds) {
                           std::cerr << "  " << config << ": " << seconds << " s\n";
                         });
  std::cout << std::fixed << std::setprecision(4) << std::left << std::setw(36) << "metric";
  int column = 13;
  for (const std::string& c : configs) column = std::max(column, static_cast<int>(c.size()) + 2);
  for (const std::string& c : configs) std::cout << std::right << std::setw(column) << c;
  std::cout << "\n" << std::left << std::setw(36) << "seconds (morph and write)";
  for (const AblationRow& row : rows) std::cout << std::right << std::setw(column) << row.seconds;
  std::cout << "\n";
  const std::vector<SummaryMetric>& base = rows.front().metrics;
  for (std::size_t m = 0; m < base.size(); ++m) {
    std::cout << std::left << std::setw(36) << base[m].name;
    for (const AblationRow& row : rows)
      std::cout << std::right << std::setw(column) << row.metrics[m].value;
    std::cout << "\n";
  }
  for (std::size_t c = 1; c < rows.size(); ++c) {
    std::cout << rows[c].config << " vs " << rows[0].config
              << ": better: " << joined(rows[c].better)
              << "; worse by more than 5%: " << joined(rows[c].worse) << "\n";
  }
  return 0;
}

// What a frame costs once the solver exists: the one-topology shape, the preview, the baked frame.
int benchFramesCommand(const Parsed& p, const MorphSettings& settings) {
  if (p.positional.size() != 3) throw UsageError("expected: interp3d-cli bench frames SRC DST");
  const FrameCost c =
      frameCostFiles(settings, p.positional[1], p.positional[2], Progress(), printWarning);
  for (const std::string& n : c.notes) printWarning(n);
  std::cout << std::fixed << std::setprecision(2)
            << "path: " << (c.oneTopology ? "one topology" : "lattice") << ", " << c.triangles
            << " triangles a frame, solver made in " << c.setupSeconds << " s\n"
            << "per in-between frame (ms)       median       max\n";
  auto row = [](const char* name, double median, double most) {
    std::cout << std::left << std::setw(28) << name << std::right << std::setw(11) << median
              << std::setw(10) << most << "\n";
  };
  if (c.oneTopology) row("shape (shape keys, scrub)", c.shapeMedian, c.shapeMax);
  row("preview (vertex colours)", c.previewMedian, c.previewMax);
  row("baked texture", c.bakedMedian, c.bakedMax);
  return 0;
}

// The labelled pairs (source-target label file stems) measured when --pairs is not given.
const char* const kSemanticPairs =
    "fox-spot,cow-spot,cow-fox,spot-creature,cow-creature,fox-creature,bunny-spot,bob-spot,"
    "cheburashka-spot,cow-bunny";

// Where the correspondence sends each hand-labelled point, per configuration of the method.
int benchSemanticCommand(const Parsed& p, const MorphSettings& settings) {
  if (p.positional.size() != 1 || !p.flags.count("--labels") || !p.flags.count("--assets"))
    throw UsageError(
        "expected: interp3d-cli bench semantic --labels DIR --assets DIR [--pairs a-b,c-d]");
  const fs::path labels = p.flags.at("--labels"), assets = p.flags.at("--assets");
  std::vector<std::pair<std::string, std::string>> pairs;
  {
    std::stringstream in(p.flags.count("--pairs") ? p.flags.at("--pairs") : kSemanticPairs);
    std::string item;
    while (std::getline(in, item, ',')) {
      const auto dash = item.find('-');
      if (dash == std::string::npos || dash == 0 || dash + 1 == item.size())
        throw UsageError("--pairs: '" + item + "' is not SOURCE-TARGET (label file names)");
      pairs.emplace_back(item.substr(0, dash), item.substr(dash + 1));
    }
  }
  std::map<std::string, LabelledMesh> meshes;
  for (const auto& [a, b] : pairs)
    for (const std::string& name : {a, b})
      if (!meshes.count(name)) {
        const fs::path file = labels / (name + ".json");
        if (!fs::exists(file)) throw IoError(file.string() + ": no such label file");
        meshes[name] = loadLabelledMesh(file, assets);
      }
  const std::vector<SemanticConfig> configs = defaultSemanticConfigs();
  constexpr int kColumn = 21;  // the longest configuration name and two spaces
  std::cout << std::left << std::setw(34) << "pair / label";
  for (const SemanticConfig& c : configs) std::cout << std::right << std::setw(kColumn) << c.name;
  std::cout << "   (distance to the labelled point / target diagonal)\n" << std::fixed;
  std::vector<std::vector<double>> all(configs.size());
  for (const auto& [a, b] : pairs) {
    const auto rows =
        benchSemanticPair(meshes.at(a), meshes.at(b), configs, settings.morph, Progress());
    for (const SemanticRow& r : rows) {
      std::cout << std::left << std::setw(34) << (a + "->" + b + " " + r.label) << std::right;
      for (std::size_t c = 0; c < configs.size(); ++c) {
        std::cout << std::setw(kColumn) << std::setprecision(4) << r.error[c];
        all[c].push_back(r.error[c]);
      }
      std::cout << "\n";
    }
  }
  auto summary = [&](const char* name, const std::function<double(const std::vector<double>&)>& f) {
    std::cout << std::left << std::setw(34) << name << std::right;
    for (const std::vector<double>& e : all)
      std::cout << std::setw(kColumn) << std::setprecision(4) << f(e);
    std::cout << "\n";
  };
  summary("mean", [](const std::vector<double>& e) {
    double sum = 0.0;
    for (double x : e) sum += x;
    return e.empty() ? 0.0 : sum / e.size();
  });
  summary("max", [](const std::vector<double>& e) {
    return e.empty() ? 0.0 : *std::max_element(e.begin(), e.end());
  });
  summary("share within 5%", [](const std::vector<double>& e) {
    return e.empty() ? 0.0
                     : static_cast<double>(
                           std::count_if(e.begin(), e.end(), [](double x) { return x <= 0.05; })) /
                           e.size();
  });
  return 0;
}

const std::vector<std::string> kBenchOptions = {
    "frames",        "resolution", "seed",  "threads", "prior",       "prior-parts",
    "prior-renoise", "topology",   "align", "tips",    "texture-size"};

int cmdBench(const Args& args, SignalCancel&) {
  const Parsed p =
      parse(args, {},
            tableFlags({"--out", "--configs", "--labels", "--assets", "--pairs"}, kBenchOptions));
  if (p.positional.empty())
    throw UsageError(
        "expected: interp3d-cli bench correspondence|vs-openvdb|prior|frames|semantic ...");
  MorphSettings settings = defaultMorphSettings();
  applyTableOptions(p, settings);
  if (p.positional[0] == "prior") return benchPriorCommand(p, settings);
  if (p.positional[0] == "frames") return benchFramesCommand(p, settings);
  if (p.positional[0] == "semantic") return benchSemanticCommand(p, settings);
  if (p.positional[0] != "correspondence" && p.positional[0] != "vs-openvdb")
    throw UsageError("unknown benchmark '" + p.positional[0] +
                     "' (correspondence, vs-openvdb, prior, frames or semantic)");
  const MorphOptions options = resolveMorphOptions(settings, printWarning);
  std::cerr << "prior: " << options.learned.summary << "\n";
  if (p.positional[0] == "correspondence") return benchCorrespondenceCommand(p, options);
  return benchVsOpenVdbCommand(p, options);
}

int cmdEvaluate(const Args& args, SignalCancel&) {
  const Parsed p = parse(args, {"--json"}, {"--source", "--target"});
  expectPositionals(p, 1, "interp3d-cli evaluate DIR --source SRC --target DST [--json]");
  if (!p.flags.count("--source") || !p.flags.count("--target"))
    throw UsageError("evaluate needs --source and --target");
  SequenceReport report;
  {
    const TerminalProgress terminal(nullptr);  // erased when evaluation ends, however it ends
    report = evaluateSequence(p.positional[0], p.flags.at("--source"), p.flags.at("--target"),
                              terminal.progress);
  }
  std::cout << (p.flags.count("--json") ? formatJson(report) + "\n" : formatText(report));
  return 0;
}

int cmdTrainPrior(const Args& args, SignalCancel& signals) {
  Parsed p;
  TrainOptions options;
  // --data may repeat: collect its values before the generic parse.
  Args rest;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--data") {
      if (i + 1 >= args.size()) throw UsageError("option --data needs a value");
      options.dataDirs.emplace_back(args[++i]);
    } else {
      rest.push_back(args[i]);
    }
  }
  p = parse(rest, {}, {"--out", "--steps", "--seed", "--threads"});
  expectPositionals(p, 0,
                    "interp3d-cli train-prior --out DIR [--steps N] [--seed S] [--data DIR]...");
  if (!p.flags.count("--out")) throw UsageError("train-prior needs --out DIR");
  options.outDir = p.flags.at("--out");
  if (p.flags.count("--steps"))
    options.steps = parseInt(p.flags.at("--steps"), "--steps", 1, 10000000);
  // --seed and --threads mean what they mean for a morph (the option table).
  MorphSettings shared = defaultMorphSettings();
  applyTableOptions(p, shared);
  options.seed = shared.morph.seed;
  options.threads = shared.morph.threads;
  const InterruptScope interrupt(signals);
  const TerminalProgress terminal(interrupt.cancel);
  TrainReport report;
  const JobResult r = runJob([&] { report = trainPrior(options, terminal.progress); });
  terminal.end(r.status != JobStatus::Failed);
  if (r.status == JobStatus::Cancelled) {
    std::cerr << "interp3d-cli: error: cancelled; nothing was written\n";
    return 130;
  }
  if (r.status == JobStatus::Failed) throw Error(r.message);
  std::cout << std::fixed << std::setprecision(5);
  for (const TrainedNetwork& n : report.networks)
    std::cout << std::left << std::setw(12) << n.name << std::right << std::setw(9) << n.parameters
              << " parameters  loss " << n.firstLoss << " -> " << n.lastLoss << "  ("
              << std::setprecision(1) << n.seconds << " s)" << std::setprecision(5) << "\n";
  for (const std::string& line : report.checks) std::cout << line << "\n";
  std::cout << std::setprecision(1) << report.parameters << " parameters in all, "
            << report.generatedShapes << " generated shapes, " << report.meshes
            << " meshes from --data, " << report.seconds << " s\n"
            << "wrote " << report.weights.string() << ", " << report.lossLog.string() << ", "
            << report.lossCurve.string() << "\n";
  return 0;
}

// Redraws a loss curve from a train-prior loss log (network,step,loss rows).
int cmdPlotLoss(const Args& args, SignalCancel&) {
  const Parsed p = parse(args, {}, {});
  expectPositionals(p, 2, "interp3d-cli plot-loss LOSS.csv OUT.png");
  const std::string csv = readFile(p.positional[0]);
  std::vector<LossSeries> series;
  std::stringstream in(csv);
  std::string line;
  int lineNumber = 0;
  while (std::getline(in, line)) {
    if (++lineNumber == 1 || line.empty()) continue;  // header
    const std::size_t a = line.find(','), b = line.rfind(',');
    char* end = nullptr;
    const double loss = a == b ? 0.0 : std::strtod(line.c_str() + b + 1, &end);
    if (a == std::string::npos || a == b || !end || *end)
      throw IoError(p.positional[0] + ": line " + std::to_string(lineNumber) +
                    " is not 'network,step,loss'");
    const std::string name = line.substr(0, a);
    if (series.empty() || series.back().name != name) series.push_back({name, {}});
    series.back().loss.push_back(loss);
  }
  if (series.empty()) throw IoError(p.positional[0] + ": no loss rows");
  savePng(p.positional[1], plotLossCurves(series));
  std::cout << "wrote " << p.positional[1] << "\n";
  return 0;
}

// `render`: the GUI executable beside this one renders the movie (it needs OpenGL), on a fresh
// Xvfb display when there is none; its output and exit status are this command's.
int cmdRender(const Args& args, SignalCancel&) {
  const Parsed p =
      parse(args, {"--turntable", "--all-views"}, tableFlags({"--out", "--size", "--fps"}));
  expectPositionals(p, 2, "interp3d-cli render SRC DST --out FILE [options]");
  if (!p.flags.count("--out")) throw UsageError("render needs --out FILE (.mp4, .gif or .png)");
  const std::string kind = fs::path(p.flags.at("--out")).extension().string();
  if (kind != ".mp4" && kind != ".gif" && kind != ".png")
    throw UsageError(p.flags.at("--out") + ": a movie is .mp4, .gif or .png (numbered frames)");
  std::error_code ec;
  const fs::path folder = fs::absolute(p.flags.at("--out"), ec).parent_path();
  if (!fs::is_directory(folder, ec))
    throw IoError(p.flags.at("--out") + ": the folder " + folder.string() + " does not exist");
  MorphSettings check = defaultMorphSettings();
  applyTableOptions(p, check);  // a bad option is this command's usage error, not the GUI's
  for (const std::string& file : p.positional)
    if (!fs::exists(file)) throw IoError(file + ": file does not exist");
  const fs::path gui = fs::read_symlink("/proc/self/exe").parent_path() / "interp3d";
  if (!fs::exists(gui)) throw Error(gui.string() + ": the GUI executable is missing");
  std::vector<std::string> argv;
  if (!std::getenv("DISPLAY")) argv = {"xvfb-run", "-a", "-s", "-screen 0 1920x1080x24"};
  argv.insert(argv.end(), {gui.string(), p.positional[0], p.positional[1], "--morph", "--movie",
                           p.flags.at("--out"), "--size",
                           p.flags.count("--size") ? p.flags.at("--size") : "960x540"});
  if (p.flags.count("--fps")) argv.insert(argv.end(), {"--fps", p.flags.at("--fps")});
  for (const char* flag : {"--turntable", "--all-views"})
    if (p.flags.count(flag)) argv.push_back(flag);
  for (const OptionSpec& spec : morphOptionTable())
    if (p.flags.count("--" + spec.name))
      argv.insert(argv.end(), {"--" + spec.name, p.flags.at("--" + spec.name)});
  setenv("QT_QPA_PLATFORM", "xcb", 0);
  setenv("LIBGL_ALWAYS_SOFTWARE", "1", 0);
  std::vector<char*> raw;
  for (std::string& a : argv) raw.push_back(a.data());
  raw.push_back(nullptr);
  std::cout.flush();
  execvp(raw[0], raw.data());
  throw Error(std::string("cannot start ") + raw[0] + ": " + std::strerror(errno) +
              (std::getenv("DISPLAY") ? "" : " (install xvfb, or run with a display)"));
}

const std::map<std::string, Command>& commands() {
  static const std::map<std::string, Command> table = {
      {"info",
       {"interp3d-cli info FILE [--json]",
        "Prints vertices, triangles, materials, texture sizes, bounding box, connected "
        "components,\n"
        "whether the surface is closed (watertight) and 2-manifold, and the load time." +
            std::string(kImportHelp),
        cmdInfo}},
      {"bench",
       {"interp3d-cli bench correspondence MESH... [--seed S] [--resolution R] [--prior ...]\n"
        "       interp3d-cli bench vs-openvdb SRC DST [--frames N] [--resolution R] [--out DIR]\n"
        "       interp3d-cli bench prior SRC DST [--prior on|FILE] [--configs LIST] [--out DIR]\n"
        "       interp3d-cli bench frames SRC DST [--topology auto|source|lattice] [options]\n"
        "       interp3d-cli bench semantic --labels DIR --assets DIR [--pairs a-b,c-d]",
        "Deforms each mesh with a seeded smooth non-rigid deformation (bend, twist, anisotropic\n"
        "stretch), matches the original to the deformed copy and prints the mean error of matched\n"
        "points as a fraction of the diagonal, beside nearest-neighbour matching after "
        "normalisation.\n"
        "vs-openvdb: our morph and OpenVDB's level-set morph of the same pair, every metric side "
        "by "
        "side.\n"
        "prior: the ablation of the learned prior: one morph per configuration (default\n"
        "none,codec,structure,descriptors; join parts with +), every metric of `evaluate` side by\n"
        "side, then per configuration the metrics that improve on the first and those that worsen\n"
        "by more than 5%.\n"
        "frames: what a frame costs once the morph is solved: the one-topology shape (what shape\n"
        "keys and live scrubbing read), the preview frame (vertex colours) and the frame with its\n"
        "texture baked, in milliseconds.\n"
        "semantic: for pairs of hand-labelled meshes (label files {\"mesh\": \"spot/spot.obj\",\n"
        "\"points\": {\"nose\": [x, y, z], ...}} in --labels, meshes under --assets; the\n"
        "repository's are in tests/data/landmarks), where the correspondence sends each label,\n"
        "as its distance to the target's label over the target's diagonal, for the flow alone,\n"
        "with either alignment, with the heading alignment and matched tips, and with the\n"
        "one-topology landing without and with tips (the configurations set --align, --tips\n"
        "and --topology themselves).\n\nOptions:\n  --out DIR\n   "
        "   Where the sequences are "
        "written "
        "(default: a folder in the temporary directory).\n  --configs LIST\n      bench prior: "
        "the configurations.\n" +
            tableHelp(kBenchOptions),
        cmdBench}},
      {"convert",
       {"interp3d-cli convert IN OUT",
        "Converts any readable mesh (OBJ, glTF/GLB, FBX, PLY, DAE, STL, OFF, ...) to GLB, "
        "OBJ+MTL+PNG\n"
        "or PLY, chosen by OUT's extension. The write is atomic." +
            std::string(kImportHelp),
        cmdConvert}},
      {"render",
       {"interp3d-cli render SRC DST --out FILE [--size WxH] [--fps N] [--turntable] "
        "[--all-views] [options]",
        "Morphs SRC into DST and renders the morph view of every frame, as the GUI shows it, to\n"
        "FILE: an .mp4 (H.264) or .gif movie made by ffmpeg, or numbered PNG frames for a .png\n"
        "name (FILE_0000.png, ...). --size is the picture (default 960x540), --fps the speed\n"
        "(default 24), --turntable orbits the camera once around the model, --all-views shows\n"
        "source, morph and target side by side. Uses the GUI executable (OpenGL) on Mesa's\n"
        "software renderer, on a fresh Xvfb display when there is none. The file is written\n"
        "whole or not at all.\n\nOptions (the morph's):\n" +
            tableHelp(),
        cmdRender}},
      {"solid",
       {"interp3d-cli solid IN OUT [--resolution R]",
        "Writes the solid a morph makes of a mesh (duplicate faces removed, flipped faces turned,\n"
        "inside and outside from winding numbers, open sheets made slabs) as its surface, and "
        "says\n"
        "what was repaired and the solid's parts and handles." +
            std::string(kImportHelp),
        cmdSolid}},
      {"hostile",
       {"interp3d-cli hostile KIND IN OUT [--amount X]",
        "Writes a hostile variant of a mesh, as artists' files often are, for tests: "
        "duplicate-shell\n"
        "(the surface twice), flipped-shell (twice, the copy inside out), flip-faces (a fraction "
        "X\n"
        "of the faces flipped, default 0.1), holes (X holes, default 5), open-sheet (half the\n"
        "surface), parts (cut into about X separate pieces, default 64), scale (by X, default "
        "1000),\n"
        "move (by X along every axis, default 10000)." +
            std::string(kImportHelp),
        cmdHostile}},
      {"correspond",
       {"interp3d-cli correspond SRC DST --points P.json [--json] [--mirror-landmarks] [options]",
        "Where the morph's correspondence sends points of the source: for each point of P.json\n"
        "({\"points\": [[x,y,z], ...]} in the source's units, or a landmark file, whose source\n"
        "points are used) the point of the target (in its units) it lands on, one line each, or\n"
        "with --json a landmark file ({\"pairs\": [{\"source\": [...], \"target\": [...]}]}) to\n"
        "check, edit and give back to `morph --landmarks`. The options are the morph's; those of\n"
        "the correspondence (alignment, landmarks, prior, resolution, seed) change the answer.\n\n"
        "Options:\n" +
            tableHelp() + kMirrorHelp,
        cmdCorrespond}},
      {"demo",
       {"interp3d-cli demo OUTDIR [--format glb|obj|ply]",
        "Writes the built-in demo pair (creature and torus, generated by code) into OUTDIR.",
        cmdDemo}},
      {"evaluate",
       {"interp3d-cli evaluate DIR --source SRC --target DST [--json]",
        "Measures a morph sequence written by `morph`: endpoint Chamfer/Hausdorff distance and "
        "colour\n"
        "difference, per-step distances (sum, coefficient of variation, max/mean), watertight,\n"
        "manifold, components and self-intersections per frame, and texture detail retention at\n"
        "t=0.5 beside that of a plain colour cross-fade.",
        cmdEvaluate}},
      {"morph",
       {"interp3d-cli morph SRC DST --out DIR [--mirror-landmarks] [options]",
        "Morphs SRC into DST and writes one textured mesh per frame (frame_0000.glb, ...) and\n"
        "manifest.json (frame, t, alpha, file, timings). The first and last frames are the "
        "inputs.\nCtrl-C stops cleanly: every written frame is complete.\n\nOptions:\n" +
            tableHelp() + kMirrorHelp,
        cmdMorph}},
      {"train-prior",
       {"interp3d-cli train-prior --out DIR [--steps N] [--seed S] [--data DIR]... [--threads N]",
        "Trains the learned prior with LibTorch on shapes made by the procedural generator\n"
        "(primitives, blends and CSG of them, swept tubes, displaced surfaces, procedural "
        "textures),\n"
        "plus the meshes in every --data folder: the patch codec, the flow-matching structure "
        "prior,\n"
        "then the descriptor network, N steps each (default 3000). Writes DIR/prior.pt (a "
        "TorchScript\n"
        "module, usable with `morph --prior DIR/prior.pt`), DIR/loss.csv and DIR/loss.png.\n"
        "Deterministic for a seed and thread count. Ctrl-C stops without writing.",
        cmdTrainPrior}},
      {"plot-loss",
       {"interp3d-cli plot-loss LOSS.csv OUT.png",
        "Draws the loss curves of a train-prior loss log (one panel per network, log10 loss "
        "against step).",
        cmdPlotLoss}},
      {"subdivide",
       {"interp3d-cli subdivide IN OUT [--levels N]",
        "Splits every triangle into four, N times (default 1), keeping the surface and its "
        "texture;\n"
        "for making large test meshes." +
            std::string(kImportHelp),
        cmdSubdivide}},
  };
  return table;
}

void printUsage(std::ostream& os) {
  os << "Interp3D Studio command line\n\nUsage: interp3d-cli COMMAND [ARGS] (COMMAND --help for "
        "details)\n\n"
        "Commands:\n";
  for (const auto& [name, cmd] : commands()) os << "  " << cmd.usage << "\n";
}

}  // namespace

int runCli(const Args& args) {
  SignalCancel signals;
  if (args.empty()) {
    printUsage(std::cerr);
    return 2;
  }
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    printUsage(std::cout);
    return 0;
  }
  const auto it = commands().find(args[0]);
  if (it == commands().end())
    throw UsageError("unknown command '" + args[0] + "' (see interp3d-cli --help)");
  const Args rest(args.begin() + 1, args.end());
  if (wantsHelp(rest)) {
    std::cout << "Usage: " << it->second.usage << "\n\n" << it->second.help << "\n";
    return 0;
  }
  return it->second.run(rest, signals);
}

}  // namespace interp3d::cli
