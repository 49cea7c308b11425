// interp3d-import: reads one mesh file for interp3d and interp3d-cli, which start it in a fresh
// process with limits on its memory, time and stack (io/mesh_import.h). Users do not run it.
#include "io/mesh_import.h"

int main(int argc, char** argv) {
  return interp3d::importHelperMain(argc, argv);
}
