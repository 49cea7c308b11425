// The single translation unit that compiles stb's image decoder and PNG writer.
#include <zlib.h>

#include <cstdlib>

namespace {
// stb's own deflate takes about a tenth of a morph's CPU time writing frame textures; zlib's at
// the same level writes the same pixels several times faster, in files of about the same size.
unsigned char* zlibCompress(unsigned char* data, int length, int* outLength, int level) {
  uLongf size = compressBound(static_cast<uLong>(length));
  auto* out = static_cast<unsigned char*>(std::malloc(size));  // stb frees it with free()
  if (!out) return nullptr;
  if (compress2(out, &size, data, static_cast<uLong>(length), level) != Z_OK) {
    std::free(out);
    return nullptr;
  }
  *outLength = static_cast<int>(size);
  return out;
}
}  // namespace

#define STBIW_ZLIB_COMPRESS zlibCompress
#define STB_IMAGE_IMPLEMENTATION
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBI_ONLY_PNG
#define STBI_ONLY_JPEG
#define STBI_ONLY_BMP
#define STBI_ONLY_TGA
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wsign-compare"
#endif
#include <stb/stb_image.h>
#include <stb/stb_image_write.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

// Frames of a morph are written by the dozen: a lighter PNG compression (level 4 of 9) writes them
// about twice as fast for files about a tenth larger, and one filter for every row (Paeth, which
// stb picks for most rows of a baked texture anyway) instead of trying all five per row.
namespace {
const bool kFasterPng =
    (stbi_write_png_compression_level = 4, stbi_write_force_png_filter = 4, true);
}  // namespace
