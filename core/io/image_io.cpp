#include "io/image_io.h"

#include <cstdint>
#include <cstring>

#include <stb/stb_image.h>
#include <stb/stb_image_write.h>

#include "util/atomic_file.h"
#include "util/error.h"

namespace interp3d {

Image decodeImage(const std::string& bytes, const std::string& source) {
  if (bytes.empty()) throw IoError(source + ": the image is empty");
  int w = 0, h = 0, channels = 0;
  // The header's size first: a small file may claim a huge image, and decoding would allocate it.
  if (bytes.size() <= static_cast<std::size_t>(INT32_MAX) &&
      stbi_info_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()),
                            static_cast<int>(bytes.size()), &w, &h, &channels) &&
      (w > kMaxImageSide || h > kMaxImageSide ||
       static_cast<std::int64_t>(w) * h > kMaxImagePixels)) {
    throw IoError(source + ": the image claims " + std::to_string(w) + " x " + std::to_string(h) +
                  " pixels, more than a texture may have (" + std::to_string(kMaxImageSide) +
                  " a side, " + std::to_string(kMaxImagePixels / (1 << 20)) + " M pixels)");
  }
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX))
    throw IoError(source + ": the image has more than 2 GB");
  stbi_uc* data = stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()),
                                        static_cast<int>(bytes.size()), &w, &h, &channels, 4);
  if (!data) {
    throw IoError(source + ": cannot decode the image (" + stbi_failure_reason() +
                  "); PNG, JPEG, BMP and TGA are supported");
  }
  Image img;
  img.width = w;
  img.height = h;
  img.rgba.assign(data, data + static_cast<std::size_t>(w) * h * 4);
  stbi_image_free(data);
  return img;
}

Image loadImage(const std::filesystem::path& path) {
  return decodeImage(readFile(path), path.string());
}

std::string encodePng(const Image& image) {
  std::string out;
  auto sink = [](void* ctx, void* data, int size) {
    static_cast<std::string*>(ctx)->append(static_cast<const char*>(data),
                                           static_cast<std::size_t>(size));
  };
  if (image.empty() || !stbi_write_png_to_func(sink, &out, image.width, image.height, 4,
                                               image.rgba.data(), image.width * 4)) {
    throw IoError("cannot encode a " + std::to_string(image.width) + "x" +
                  std::to_string(image.height) + " image as PNG");
  }
  return out;
}

void savePng(const std::filesystem::path& path, const Image& image) {
  writeFileAtomically(path, encodePng(image));
}

}  // namespace interp3d
