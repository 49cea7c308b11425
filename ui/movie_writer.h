// The last step of a movie of the morph: numbered frames (0000.png, 0001.png, ... in a scratch
// folder) made into the file the user asked for: an H.264 MP4 or a palette GIF by Debian's ffmpeg,
// or numbered PNG frames beside PATH.png (PATH_0000.png, ...). Each file appears whole or not at
// all: it is written to a temporary file beside its place and renamed over it.
#pragma once

#include <functional>

#include <QString>

namespace interp3d {

// Empty, "cancelled" when `keepGoing` returned false, or the error naming `path`.
QString writeMovie(const QString& framesDir, int frames, const QString& path, int fps,
                   const std::function<bool()>& keepGoing = nullptr);

}  // namespace interp3d
