// Process-wide settings that must be in place before the heavy libraries start their threads.
#pragma once

namespace interp3d {

// OpenMP (LibTorch, OpenBLAS) spins its idle threads by default; with two cores that starves the
// GUI thread and any other process. The wait policy is read once when the runtime loads, so when
// OMP_WAIT_POLICY is unset this sets it to PASSIVE and re-executes the program (argv unchanged).
// Returns normally when nothing needed doing or the re-exec failed.
void ensurePassiveOpenMp(char** argv);

}  // namespace interp3d
