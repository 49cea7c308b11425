// Error types of the engine. Every message says what failed, on which file, and what to do.
#pragma once

#include <sstream>
#include <stdexcept>
#include <string>

namespace interp3d {

// Root of every error the engine throws.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reading or writing a file failed (missing, unreadable, corrupt, unsupported).
class IoError : public Error {
 public:
  using Error::Error;
};

// A mesh is unusable (no triangles, non-finite coordinates, bad indices).
class MeshError : public Error {
 public:
  using Error::Error;
};

// A command-line or option value is invalid.
class UsageError : public Error {
 public:
  using Error::Error;
};

namespace detail {
[[noreturn]] void checkFailed(const char* expr, const char* file, int line, const std::string& msg);
}  // namespace detail

}  // namespace interp3d

// Stays on in release builds. Throws interp3d::Error with the condition, place and message.
#define INTERP3D_CHECK(cond, msg)                                                           \
  do {                                                                                      \
    if (!(cond)) {                                                                          \
      std::ostringstream interp3d_check_os_;                                                \
      interp3d_check_os_ << msg;                                                            \
      ::interp3d::detail::checkFailed(#cond, __FILE__, __LINE__, interp3d_check_os_.str()); \
    }                                                                                       \
  } while (false)
