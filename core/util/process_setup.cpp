#include "util/process_setup.h"

#include <unistd.h>
#include <cstdlib>

namespace interp3d {

void ensurePassiveOpenMp(char** argv) {
  if (std::getenv("OMP_WAIT_POLICY") != nullptr) return;
  ::setenv("OMP_WAIT_POLICY", "PASSIVE", 1);
  ::execv("/proc/self/exe", argv);  // only returns on failure: carry on with the spinning default
}

}  // namespace interp3d
