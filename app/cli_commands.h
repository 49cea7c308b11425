// The commands of interp3d-cli. Each takes its arguments (after the command name) and returns the
// process exit code; errors are thrown as interp3d::Error and reported by main().
#pragma once

#include <string>
#include <vector>

namespace interp3d::cli {

using Args = std::vector<std::string>;

int runCli(const Args& args);  // args excludes argv[0]

}  // namespace interp3d::cli
