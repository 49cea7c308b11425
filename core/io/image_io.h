// Image decoding (PNG, JPEG, BMP, TGA) and PNG encoding without Qt, on stb.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "mesh/textured_mesh.h"

namespace interp3d {

// The largest texture read: 16384 pixels a side and 64 M pixels (256 MB as RGBA), so a small
// file that claims a huge image is an error instead of the machine's memory.
constexpr int kMaxImageSide = 16384;
constexpr std::int64_t kMaxImagePixels = std::int64_t(1) << 26;

// Decodes an image held in memory to RGBA. `source` names it in the error message.
// Throws IoError if the bytes are not a readable PNG/JPEG/BMP/TGA image or claim more pixels
// than kMaxImageSide / kMaxImagePixels allow.
Image decodeImage(const std::string& bytes, const std::string& source);

// Reads and decodes an image file. Throws IoError naming the file.
Image loadImage(const std::filesystem::path& path);

// Encodes RGBA to PNG bytes.
std::string encodePng(const Image& image);

// Writes a PNG file atomically. Throws IoError.
void savePng(const std::filesystem::path& path, const Image& image);

}  // namespace interp3d
