#include "ui/movie_writer.h"

#include <filesystem>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>

#include "util/atomic_file.h"

namespace interp3d {

namespace {
QString frameName(int i) {
  return QString("%1.png").arg(i, 4, 10, QChar('0'));
}

// Copies `from` to `to` atomically (a temporary file beside `to`, renamed over it).
QString copyWhole(const QString& from, const QString& to) {
  try {
    writeAtomically(to.toStdString(), [&](const std::filesystem::path& tmp) {
      std::filesystem::copy_file(from.toStdString(), tmp,
                                 std::filesystem::copy_options::overwrite_existing);
    });
  } catch (const std::exception& e) {
    return QObject::tr("%1: %2").arg(to, QString::fromStdString(e.what()));
  }
  return {};
}
}  // namespace

QString writeMovie(const QString& framesDir, int frames, const QString& path, int fps,
                   const std::function<bool()>& keepGoing) {
  const QFileInfo out(path);
  const QString kind = out.suffix().toLower();
  const QDir scratch(framesDir);
  if (kind == "png") {
    const QString stem = out.absolutePath() + "/" + out.completeBaseName();
    auto numbered = [&](int i) { return QString("%1_%2").arg(stem, frameName(i)); };
    for (int i = 0; i < frames; ++i) {
      if (keepGoing && !keepGoing()) return QObject::tr("cancelled");
      const QString error = copyWhole(scratch.filePath(frameName(i)), numbered(i));
      if (!error.isEmpty()) return error;
    }
    // Frames of a longer render before under the same name would read as part of this one.
    for (int i = frames; QFile::exists(numbered(i)); ++i) QFile::remove(numbered(i));
    return {};
  }
  if (kind != "mp4" && kind != "gif")
    return QObject::tr("%1: a movie is .mp4, .gif or .png (numbered PNG frames)").arg(path);
  const QString encoded = scratch.filePath("movie." + kind);
  QStringList args{"-y",
                   "-loglevel",
                   "error",
                   "-framerate",
                   QString::number(fps),
                   "-i",
                   scratch.filePath("%04d.png")};
  if (kind == "mp4")
    args << "-c:v"
         << "libx264"
         << "-pix_fmt"
         << "yuv420p"
         << "-vf"
         << "pad=ceil(iw/2)*2:ceil(ih/2)*2";
  else
    args << "-vf"
         << "split[a][b];[a]palettegen[p];[b][p]paletteuse";
  args << encoded;
  QProcess ffmpeg;
  ffmpeg.start("ffmpeg", args);
  if (!ffmpeg.waitForStarted(10000))
    return QObject::tr("%1: cannot start ffmpeg (install Debian's ffmpeg package): %2")
        .arg(path, ffmpeg.errorString());
  while (!ffmpeg.waitForFinished(50)) {
    QCoreApplication::processEvents();
    if (keepGoing && !keepGoing()) {
      ffmpeg.kill();
      ffmpeg.waitForFinished();
      return QObject::tr("cancelled");
    }
  }
  if (ffmpeg.exitStatus() != QProcess::NormalExit || ffmpeg.exitCode() != 0)
    return QObject::tr("%1: ffmpeg failed: %2")
        .arg(path, QString::fromLocal8Bit(ffmpeg.readAllStandardError()).trimmed());
  return copyWhole(encoded, path);
}

}  // namespace interp3d
