#include "util/error.h"

namespace interp3d::detail {

void checkFailed(const char* expr, const char* file, int line, const std::string& msg) {
  std::ostringstream os;
  os << "internal check failed: " << expr << " (" << file << ":" << line << ")";
  if (!msg.empty()) os << ": " << msg;
  throw Error(os.str());
}

}  // namespace interp3d::detail
