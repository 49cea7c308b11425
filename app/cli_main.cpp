// interp3d-cli: the headless front end. Every failure is one line on stderr and a non-zero exit.
#include <iostream>

#include "util/process_setup.h"

#include "cli_commands.h"
#include "util/error.h"

int main(int argc, char** argv) {
  interp3d::ensurePassiveOpenMp(argv);
  try {
    return interp3d::cli::runCli(interp3d::cli::Args(argv + 1, argv + argc));
  } catch (const interp3d::UsageError& e) {
    std::cerr << "interp3d-cli: error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "interp3d-cli: error: " << e.what() << "\n";
    return 1;
  }
}
