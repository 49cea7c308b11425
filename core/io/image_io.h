// Image decoding (PNG, JPEG, BMP, TGA) and PNG encoding without Qt, on stb.
#pragma once

#include <filesystem>
#include <string>

#include "mesh/textured_mesh.h"

namespace interp3d {

// Decodes an image held in memory to RGBA. `source` names it in the error message.
// Throws IoError if the bytes are not a readable PNG/JPEG/BMP/TGA image.
Image decodeImage(const std::string& bytes, const std::string& source);

// Reads and decodes an image file. Throws IoError naming the file.
Image loadImage(const std::filesystem::path& path);

// Encodes RGBA to PNG bytes.
std::string encodePng(const Image& image);

// Writes a PNG file atomically. Throws IoError.
void savePng(const std::filesystem::path& path, const Image& image);

}  // namespace interp3d
