#include "cli_commands.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>

#include "demo/demo_assets.h"
#include "io/mesh_export.h"
#include "io/mesh_import.h"
#include "mesh/mesh_info.h"
#include "mesh/subdivide.h"
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

LoadedMesh loadReporting(const fs::path& path) {
  LoadedMesh loaded = loadMesh(path);
  for (const std::string& w : loaded.warnings) std::cerr << "warning: " << w << "\n";
  return loaded;
}

int cmdInfo(const Args& args) {
  const Parsed p = parse(args, {"--json"}, {});
  expectPositionals(p, 1, "interp3d-cli info FILE [--json]");
  const auto start = std::chrono::steady_clock::now();
  const LoadedMesh loaded = loadReporting(p.positional[0]);
  const MeshInfo info = describeMesh(loaded.mesh, p.positional[0]);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
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

const std::map<std::string, Command>& commands() {
  static const std::map<std::string, Command> table = {
      {"info",
       {"interp3d-cli info FILE [--json]",
        "Prints vertices, triangles, materials, texture sizes, bounding box, connected "
        "components,\n"
        "whether the surface is closed (watertight) and 2-manifold, and the load time.",
        cmdInfo}},
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
