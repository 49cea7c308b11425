#include "cli_commands.h"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <sstream>

#include <csignal>
#include <iomanip>
#include <thread>

#include "demo/demo_assets.h"
#include "io/image_io.h"
#include "io/mesh_export.h"
#include "io/mesh_import.h"
#include "mesh/mesh_info.h"
#include "mesh/subdivide.h"
#include "metrics/sequence_evaluation.h"
#include "morph/correspondence_bench.h"
#include "morph/landmarks.h"
#include "morph/morph_solver.h"
#include "morph/openvdb_morph.h"
#include "morph/sequence_writer.h"
#include "prior/learned_prior.h"
#include "prior/loss_plot.h"
#include "prior/prior_training.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace fs = std::filesystem;

namespace interp3d::cli {

namespace {

struct Command {
  const char* usage;
  const char* help;
  std::function<int(const Args&)> run;
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

// A manifest's input names; writeSequence fills in how the sequence was made.
SequenceInfo inputNames(const std::string& source, const std::string& target) {
  SequenceInfo info;
  info.source = source;
  info.target = target;
  return info;
}

LoadedMesh loadReporting(const fs::path& path) {
  LoadedMesh loaded = loadMesh(path);
  for (const std::string& w : loaded.warnings) std::cerr << "warning: " << w << "\n";
  return loaded;
}

int cmdInfo(const Args& args) {
  const Parsed p = parse(args, {"--json"}, {});
  expectPositionals(p, 1, "interp3d-cli info FILE [--json]");
  const auto start = Clock::now();
  const LoadedMesh loaded = loadReporting(p.positional[0]);
  const MeshInfo info = describeMesh(loaded.mesh, p.positional[0]);
  const double seconds = secondsSince(start);
  if (p.flags.count("--json")) {
    std::cout << formatJson(info) << "\n";
  } else {
    std::cout << formatText(info) << "load time:   " << seconds << " s\n";
  }
  return 0;
}

int cmdConvert(const Args& args) {
  const Parsed p = parse(args, {}, {});
  expectPositionals(p, 2, "interp3d-cli convert IN OUT");
  formatFromExtension(p.positional[1]);  // fail on a bad extension before loading
  const LoadedMesh loaded = loadReporting(p.positional[0]);
  saveMesh(loaded.mesh, p.positional[1]);
  std::cerr << "wrote " << p.positional[1] << "\n";
  return 0;
}

int cmdSubdivide(const Args& args) {
  const Parsed p = parse(args, {}, {"--levels"});
  expectPositionals(p, 2, "interp3d-cli subdivide IN OUT [--levels N]");
  const int levels =
      p.flags.count("--levels") ? parseInt(p.flags.at("--levels"), "--levels", 0, 6) : 1;
  formatFromExtension(p.positional[1]);
  const LoadedMesh loaded = loadReporting(p.positional[0]);
  const TexturedMesh out = subdivideMidpoint(loaded.mesh, levels);
  saveMesh(out, p.positional[1]);
  std::cerr << "wrote " << p.positional[1] << " (" << out.triangleCount() << " triangles)\n";
  return 0;
}

int cmdDemo(const Args& args) {
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

// Ctrl-C asks the running job to stop at the next check; files are written atomically.
std::atomic<bool>* gCancel = nullptr;
extern "C" void onInterrupt(int) {
  if (gCancel) {
    gCancel->store(true);
  } else {
    std::_Exit(130);  // nothing is being written: stop at once
  }
}

// Progress on stderr as one rewritten line.
Progress terminalProgress(std::shared_ptr<std::atomic<bool>> cancel) {
  auto last = std::make_shared<int>(-1);
  return Progress(
      [last](double fraction, const std::string& stage) {
        const int percent = static_cast<int>(fraction * 100.0);
        if (percent == *last) return;
        *last = percent;
        std::cerr << "\r[" << std::setw(3) << percent << "%] " << std::left << std::setw(24)
                  << stage << std::right << std::flush;
      },
      std::move(cancel));
}

int defaultThreads() {
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

void applyRenoiseFlag(const Parsed& p, MorphOptions& options) {
  if (!p.flags.count("--prior-renoise")) return;
  char* end = nullptr;
  const std::string& v = p.flags.at("--prior-renoise");
  options.priorRenoise = std::strtof(v.c_str(), &end);
  if (v.empty() || *end || !(options.priorRenoise >= 0.0f && options.priorRenoise <= 1.0f))
    throw UsageError("--prior-renoise must be a number from 0 to 1, got '" + v + "'");
}

// --prior on|off|FILE, --prior-parts LIST and --prior-renoise F into `options`.
void applyPriorFlags(const Parsed& p, MorphOptions& options) {
  options.priorParts = p.flags.count("--prior-parts")
                           ? PriorParts::parse(p.flags.at("--prior-parts"))
                           : defaultPriorParts();
  if (p.flags.count("--prior")) {
    if (p.flags.at("--prior").empty()) throw UsageError("--prior needs on, off or a file");
    options.prior = resolvePrior(p.flags.at("--prior"), options.threads);
  } else if (options.priorParts.any()) {  // the default: the shipped weights when present
    const fs::path shipped = LearnedPrior::shippedFile();
    if (shipped.empty())
      std::cerr << "warning: the shipped prior (assets/models/prior.pt) was not found; morphing "
                   "without it\n";
    else
      options.prior = LearnedPrior::load(shipped, options.threads);
  }
  if (!options.prior) options.priorParts = {};
  applyRenoiseFlag(p, options);
}

int cmdMorph(const Args& args) {
  const Parsed p = parse(args, {},
                         {"--out", "--frames", "--resolution", "--schedule", "--format",
                          "--texture-size", "--landmarks", "--seed", "--threads", "--align",
                          "--prior", "--prior-parts", "--prior-renoise"});
  expectPositionals(p, 2, "interp3d-cli morph SRC DST --out DIR [options]");
  if (!p.flags.count("--out")) throw UsageError("morph needs --out DIR");
  auto flag = [&](const char* name, const char* fallback) {
    return p.flags.count(name) ? p.flags.at(name) : fallback;
  };
  MorphOptions options;
  options.frames = parseInt(flag("--frames", "17"), "--frames", 2, 1000);
  options.resolution = parseInt(flag("--resolution", "64"), "--resolution", 8, 256);
  options.schedule = parseSchedule(flag("--schedule", "constant-speed"));
  options.textureSize = parseInt(flag("--texture-size", "1024"), "--texture-size", 16, 8192);
  options.seed = static_cast<std::uint32_t>(parseInt(flag("--seed", "0"), "--seed", 0, 2147483647));
  options.threads =
      parseInt(flag("--threads", std::to_string(defaultThreads()).c_str()), "--threads", 1, 256);
  SequenceInfo info = inputNames(p.positional[0], p.positional[1]);
  info.format = flag("--format", "glb");
  formatFromExtension("x." + info.format);
  const std::string align = flag("--align", "none");
  if (align != "none" && align != "auto")
    throw UsageError("--align must be none or auto, got '" + align + "'");
  options.align = align == "auto";
  if (p.flags.count("--landmarks")) options.landmarks = loadLandmarks(p.flags.at("--landmarks"));
  applyPriorFlags(p, options);

  auto cancel = std::make_shared<std::atomic<bool>>(false);
  gCancel = cancel.get();
  const Progress progress = terminalProgress(cancel);
  const auto start = Clock::now();
  try {
    LoadedMesh source = loadReporting(info.source);
    LoadedMesh target = loadReporting(info.target);
    MorphSolver solver(std::move(source.mesh), std::move(target.mesh), options,
                       progress.sub(0.0, 0.4));
    const auto frames = writeSequence(solver, p.flags.at("--out"), info, progress.sub(0.4, 1.0));
    const double total = secondsSince(start);
    std::cerr << "\n";
    for (const auto& [stage, seconds] : solver.timings())
      std::cerr << "  " << stage << ": " << seconds << " s\n";
    std::cerr << "wrote " << frames.size() << " frames to " << p.flags.at("--out") << " in "
              << total << " s\n";
  } catch (const Cancelled&) {
    gCancel = nullptr;
    std::cerr
        << "\ninterp3d-cli: error: cancelled; the frames listed in manifest.json are complete\n";
    return 130;
  }
  gCancel = nullptr;
  return 0;
}

int benchCorrespondenceCommand(const Parsed& p, const MorphOptions& options, std::uint32_t seed) {
  if (p.positional.size() < 2)
    throw UsageError("expected: interp3d-cli bench correspondence MESH...");
  std::cout << "mesh                               ours      nearest   points  seconds  (errors: "
               "mean distance "
               "to the true match / diagonal)\n";
  for (std::size_t i = 1; i < p.positional.size(); ++i) {
    const LoadedMesh loaded = loadReporting(p.positional[i]);
    const CorrespondenceBenchResult r = benchCorrespondence(loaded.mesh, seed, options);
    const std::string name = fs::path(p.positional[i]).filename().string();
    std::cout << std::left << std::setw(32) << name << std::right << std::fixed
              << std::setprecision(4) << std::setw(9) << r.ourError << std::setw(11)
              << r.nearestError << std::setw(9) << r.points << std::setw(9) << std::setprecision(2)
              << r.seconds << "\n";
  }
  return 0;
}

// Both methods on the same pair, same voxel size and frame count; metrics side by side.
int benchVsOpenVdbCommand(const Parsed& p, MorphOptions options) {
  if (p.positional.size() != 3)
    throw UsageError("expected: interp3d-cli bench vs-openvdb SRC DST [--frames N]");
  const fs::path out = p.flags.count("--out") ? fs::path(p.flags.at("--out"))
                                              : fs::temp_directory_path() / "interp3d-vs-openvdb";
  const std::string src = p.positional[1], dst = p.positional[2];
  const LoadedMesh source = loadReporting(src), target = loadReporting(dst);

  auto start = Clock::now();
  {
    MorphSolver solver(source.mesh, target.mesh, options);
    writeSequence(solver, out / "ours", inputNames(src, dst));
  }
  const double oursSeconds = secondsSince(start);
  start = Clock::now();
  const OpenVdbMorphResult vdb =
      openVdbMorph(source.mesh, target.mesh, {options.frames, options.resolution}, out / "openvdb");
  const double vdbSeconds = secondsSince(start);

  const std::vector<SummaryMetric> a = summaryMetrics(evaluateSequence(out / "ours", src, dst)),
                                   b = summaryMetrics(evaluateSequence(out / "openvdb", src, dst));
  std::cout << std::fixed << std::setprecision(4)
            << "metric                               ours     openvdb   ratio\n";
  auto row = [](const std::string& name, double x, double y) {
    std::cout << std::left << std::setw(36) << name << std::right << std::setw(9) << x
              << std::setw(11) << y << std::setw(9) << (y != 0.0 ? x / y : 0.0) << "\n";
  };
  row("seconds (written frames)", oursSeconds, vdbSeconds);
  for (std::size_t m = 0; m < a.size(); ++m) row(a[m].name, a[m].value, b[m].value);
  std::cout << "frames: " << out.string() << "/ours and " << out.string()
            << "/openvdb; openvdb pseudo-time " << vdb.pseudoTime << " in " << vdb.iterations
            << " CFL steps, " << vdb.seconds << " s before writing\n";
  return 0;
}

// Each configuration of the learned prior on the same pair, every metric of `evaluate` side by
// side, and for each configuration against the first: which metrics improve and which worsen by
// more than 5% (the rule for turning a part on by default).
int benchPriorCommand(const Parsed& p, MorphOptions options) {
  if (p.positional.size() != 3)
    throw UsageError(
        "expected: interp3d-cli bench prior SRC DST [--prior on|FILE] [--configs LIST]");
  const fs::path out = p.flags.count("--out") ? fs::path(p.flags.at("--out"))
                                              : fs::temp_directory_path() / "interp3d-prior-bench";
  const std::string src = p.positional[1], dst = p.positional[2];
  std::vector<std::string> configs;
  {
    std::stringstream in(p.flags.count("--configs") ? p.flags.at("--configs")
                                                    : "none,codec,structure,descriptors");
    std::string c;
    while (std::getline(in, c, ',')) configs.push_back(c);
  }
  auto partsOf = [](std::string config) {
    std::replace(config.begin(), config.end(), '+', ',');
    return PriorParts::parse(config);
  };
  for (const std::string& c : configs) partsOf(c);  // every name checked before any work
  const LoadedMesh source = loadReporting(src), target = loadReporting(dst);
  const std::shared_ptr<const LearnedPrior> prior =
      resolvePrior(p.flags.count("--prior") ? p.flags.at("--prior") : "on", options.threads);
  std::vector<std::vector<SummaryMetric>> values(configs.size());
  std::vector<double> seconds(configs.size());
  for (std::size_t c = 0; c < configs.size(); ++c) {
    options.priorParts = partsOf(configs[c]);
    options.prior = options.priorParts.any() ? prior : nullptr;
    const auto start = Clock::now();
    {
      MorphSolver solver(source.mesh, target.mesh, options);
      writeSequence(solver, out / configs[c], inputNames(src, dst));
    }
    seconds[c] = secondsSince(start);
    values[c] = summaryMetrics(evaluateSequence(out / configs[c], src, dst));
    std::cerr << "  " << configs[c] << ": " << seconds[c] << " s\n";
  }
  std::cout << std::fixed << std::setprecision(4) << std::left << std::setw(36) << "metric";
  int column = 13;
  for (const std::string& c : configs) column = std::max(column, static_cast<int>(c.size()) + 2);
  for (const std::string& c : configs) std::cout << std::right << std::setw(column) << c;
  std::cout << "\n" << std::left << std::setw(36) << "seconds (morph and write)";
  for (double s : seconds) std::cout << std::right << std::setw(column) << s;
  std::cout << "\n";
  const std::vector<SummaryMetric>& base = values[0];
  for (std::size_t m = 0; m < base.size(); ++m) {
    std::cout << std::left << std::setw(36) << base[m].name;
    for (std::size_t c = 0; c < configs.size(); ++c)
      std::cout << std::right << std::setw(column) << values[c][m].value;
    std::cout << "\n";
  }
  for (std::size_t c = 1; c < configs.size(); ++c) {
    std::string better, worse;
    for (std::size_t m = 0; m < base.size(); ++m) {
      const double b = base[m].value, v = values[c][m].value;
      const double gain = base[m].lowerIsBetter ? b - v : v - b;  // > 0: better
      const double scale = std::max(std::abs(b), 1e-9);
      if (gain > 1e-9 && gain / scale > 1e-3) better += (better.empty() ? "" : ", ") + base[m].name;
      if (-gain > 0.05 * scale && -gain > 1e-6) worse += (worse.empty() ? "" : ", ") + base[m].name;
    }
    std::cout << configs[c] << " vs " << configs[0]
              << ": better: " << (better.empty() ? "none" : better)
              << "; worse by more than 5%: " << (worse.empty() ? "none" : worse) << "\n";
  }
  return 0;
}

int cmdBench(const Args& args) {
  const Parsed p = parse(args, {},
                         {"--seed", "--resolution", "--threads", "--frames", "--out", "--prior",
                          "--prior-parts", "--prior-renoise", "--configs"});
  if (p.positional.empty())
    throw UsageError("expected: interp3d-cli bench correspondence|vs-openvdb|prior ...");
  MorphOptions options;
  options.resolution = p.flags.count("--resolution")
                           ? parseInt(p.flags.at("--resolution"), "--resolution", 8, 256)
                           : 64;
  options.frames =
      p.flags.count("--frames") ? parseInt(p.flags.at("--frames"), "--frames", 2, 1000) : 17;
  options.threads = p.flags.count("--threads")
                        ? parseInt(p.flags.at("--threads"), "--threads", 1, 256)
                        : defaultThreads();
  const auto seed = static_cast<std::uint32_t>(
      p.flags.count("--seed") ? parseInt(p.flags.at("--seed"), "--seed", 0, 1 << 30) : 0);
  if (p.positional[0] == "prior") {
    applyRenoiseFlag(p, options);
    return benchPriorCommand(p, options);
  }
  if (p.positional[0] != "correspondence" && p.positional[0] != "vs-openvdb")
    throw UsageError("unknown benchmark '" + p.positional[0] +
                     "' (correspondence, vs-openvdb or prior)");
  applyPriorFlags(p, options);
  std::cerr << "prior: " << priorSummary(options) << "\n";
  if (p.positional[0] == "correspondence") return benchCorrespondenceCommand(p, options, seed);
  return benchVsOpenVdbCommand(p, options);
}

int cmdEvaluate(const Args& args) {
  const Parsed p = parse(args, {"--json"}, {"--source", "--target"});
  expectPositionals(p, 1, "interp3d-cli evaluate DIR --source SRC --target DST [--json]");
  if (!p.flags.count("--source") || !p.flags.count("--target"))
    throw UsageError("evaluate needs --source and --target");
  const SequenceReport report = evaluateSequence(p.positional[0], p.flags.at("--source"),
                                                 p.flags.at("--target"), terminalProgress(nullptr));
  std::cerr << "\r" << std::string(40, ' ') << "\r";
  std::cout << (p.flags.count("--json") ? formatJson(report) + "\n" : formatText(report));
  return 0;
}

int cmdTrainPrior(const Args& args) {
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
  if (p.flags.count("--seed"))
    options.seed =
        static_cast<std::uint32_t>(parseInt(p.flags.at("--seed"), "--seed", 0, 2147483647));
  options.threads = p.flags.count("--threads")
                        ? parseInt(p.flags.at("--threads"), "--threads", 1, 256)
                        : defaultThreads();
  auto cancel = std::make_shared<std::atomic<bool>>(false);
  gCancel = cancel.get();
  TrainReport report;
  try {
    report = trainPrior(options, terminalProgress(cancel));
  } catch (const Cancelled&) {
    gCancel = nullptr;
    std::cerr << "\ninterp3d-cli: error: cancelled; nothing was written\n";
    return 130;
  }
  gCancel = nullptr;
  std::cerr << "\n";
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
int cmdPlotLoss(const Args& args) {
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

const std::map<std::string, Command>& commands() {
  static const std::map<std::string, Command> table = {
      {"info",
       {"interp3d-cli info FILE [--json]",
        "Prints vertices, triangles, materials, texture sizes, bounding box, connected "
        "components,\n"
        "whether the surface is closed (watertight) and 2-manifold, and the load time.",
        cmdInfo}},
      {"bench",
       {"interp3d-cli bench correspondence MESH... [--seed S] [--resolution R] [--prior ...]\n"
        "       interp3d-cli bench vs-openvdb SRC DST [--frames N] [--resolution R] [--out DIR]\n"
        "       interp3d-cli bench prior SRC DST [--prior on|FILE] [--configs LIST] [--out DIR]",
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
        "by more than 5%.",
        cmdBench}},
      {"convert",
       {"interp3d-cli convert IN OUT",
        "Converts any readable mesh (OBJ, glTF/GLB, FBX, PLY, DAE, STL, OFF, ...) to GLB, "
        "OBJ+MTL+PNG\n"
        "or PLY, chosen by OUT's extension. The write is atomic.",
        cmdConvert}},
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
       {"interp3d-cli morph SRC DST --out DIR [--frames 17] [--resolution 64]\n"
        "       [--schedule linear|ease|beta|constant-speed] [--format glb|obj|ply] "
        "[--texture-size 1024]\n"
        "       [--landmarks FILE.json] [--align none|auto] [--seed 0] [--threads N]\n"
        "       [--prior on|off|FILE] [--prior-parts codec,structure,descriptors|all|none]",
        "Morphs SRC into DST and writes one textured mesh per frame (frame_0000.glb, ...) and\n"
        "manifest.json (frame, t, alpha, file, timings). The first and last frames are the "
        "inputs.\n"
        "Landmarks: {\"pairs\": [{\"source\": [x,y,z], \"target\": [x,y,z]}]} in each mesh's "
        "units.\n"
        "--align auto turns the target onto the source first (best of the 24 axis rotations, then\n"
        "ICP); the frames turn from the source's pose to the target's.\n"
        "--prior uses the learned prior: on = the shipped assets/models/prior.pt, or a prior file\n"
        "written by train-prior (or any TorchScript module with the same methods, see\n"
        "assets/models/README.md); --prior-parts picks its components. Default: the shipped prior\n"
        "with the parts its ablation found to help (the learned descriptors); --prior off turns\n"
        "it off.\n"
        "--prior-renoise F (default 0.7): how much of the blended latent the structure prior\n"
        "keeps before integrating the flow back (1 keeps all of it, 0 starts from noise).\n"
        "Ctrl-C stops cleanly: every written frame is complete.",
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
        "for making large test meshes.",
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
  std::signal(SIGINT, onInterrupt);
  std::signal(SIGTERM, onInterrupt);
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
  return it->second.run(rest);
}

}  // namespace interp3d::cli
