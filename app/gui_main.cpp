// interp3d: the GUI. With --screenshot it renders the three viewports to a PNG and exits; with
// --orbit-bench it measures the orbit frame rate and exits.
#include <iostream>

#include "util/process_setup.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSurfaceFormat>
#include <QTimer>

#include "ui/main_window.h"

namespace {

bool parseSize(const QString& text, QSize& size) {
  const QRegularExpressionMatch m = QRegularExpression("^(\\d+)x(\\d+)$").match(text);
  if (!m.hasMatch()) return false;
  size = QSize(m.captured(1).toInt(), m.captured(2).toInt());
  return size.width() >= 30 && size.height() >= 30 && size.width() <= 8192 && size.height() <= 8192;
}

}  // namespace

int main(int argc, char** argv) {
  interp3d::ensurePassiveOpenMp(argv);
  QSurfaceFormat format;
  format.setVersion(3, 3);
  format.setProfile(QSurfaceFormat::CoreProfile);
  format.setDepthBufferSize(24);
  format.setSamples(0);  // MSAA halves the frame rate on llvmpipe; screenshots use 4x offscreen
  QSurfaceFormat::setDefaultFormat(format);

  QApplication app(argc, argv);
  QApplication::setOrganizationName("Interp3D");
  QApplication::setApplicationName("Interp3D Studio");

  QCommandLineParser parser;
  parser.setApplicationDescription("Interp3D Studio: morph one textured 3D mesh into another.");
  parser.addHelpOption();
  parser.addPositionalArgument("source", "Source mesh (optional).", "[SOURCE]");
  parser.addPositionalArgument("target", "Target mesh (optional).", "[TARGET]");
  QCommandLineOption screenshot("screenshot", "Render the three viewports to PNG FILE and exit.",
                                "FILE");
  QCommandLineOption sizeOption("size", "Screenshot size WIDTHxHEIGHT (default 1200x400).", "WxH",
                                "1200x400");
  QCommandLineOption windowShot("window-screenshot",
                                "Save the whole window (menus, status bar) to PNG FILE and exit.",
                                "FILE");
  QCommandLineOption wireframe("wireframe", "Start with the wireframe overlay on.");
  QCommandLineOption orbitBench("orbit-bench",
                                "Orbit 360 degrees in N frames, print the frame rate, exit.", "N");
  QCommandLineOption morph("morph",
                           "Morph the two meshes after loading (headless with --screenshot).");
  QCommandLineOption framesOption("frames", "Frames of the morph (default 17).", "N", "17");
  QCommandLineOption resolutionOption("resolution", "Resolution of the morph (default 64).", "R",
                                      "64");
  QCommandLineOption alignOption("align", "Align the target to the source before morphing.");
  QCommandLineOption frameOption("frame", "Frame to show after the morph (default: the middle).",
                                 "I");
  QCommandLineOption exportFrame(
      "export-frame", "Write the shown frame, textured, to FILE (.glb/.obj/.ply).", "FILE");
  QCommandLineOption noLod("no-lod", "Draw full detail while the camera moves.");
  QCommandLineOption priorOption(
      "prior",
      "Learned prior: on (shipped weights), off, or a prior FILE (default: on with the parts the "
      "ablation found to help, when the shipped weights are present).",
      "SETTING");
  parser.addOptions({screenshot, windowShot, sizeOption, wireframe, orbitBench, noLod, morph,
                     framesOption, resolutionOption, frameOption, exportFrame, alignOption,
                     priorOption});
  parser.process(app);

  const QStringList files = parser.positionalArguments();
  if (files.size() > 2) {
    std::cerr << "interp3d: error: at most two meshes (source and target) can be given\n";
    return 2;
  }
  QSize size;
  if (!parseSize(parser.value(sizeOption), size)) {
    std::cerr << "interp3d: error: --size must look like 1200x400 (30 to 8192 pixels per side)\n";
    return 2;
  }
  bool benchOk = true;
  const int benchFrames = parser.isSet(orbitBench) ? parser.value(orbitBench).toInt(&benchOk) : 0;
  if (!benchOk || benchFrames < 0) {
    std::cerr << "interp3d: error: --orbit-bench needs a positive number of frames\n";
    return 2;
  }
  const bool headless = parser.isSet(screenshot) || parser.isSet(windowShot) || benchFrames > 0 ||
                        parser.isSet(exportFrame);
  interp3d::MorphOptions morphOptions;
  morphOptions.frames = parser.value(framesOption).toInt();
  morphOptions.resolution = parser.value(resolutionOption).toInt();
  morphOptions.align = parser.isSet(alignOption);
  // The learned prior's default parts unless --prior says otherwise (the Morph panel's switch
  // stays off when the shipped weights are missing).
  morphOptions.priorParts = interp3d::defaultPriorParts();
  if (parser.isSet(priorOption)) {
    try {
      morphOptions.prior = interp3d::resolvePrior(parser.value(priorOption).toStdString(), 2);
    } catch (const interp3d::Error& e) {
      std::cerr << "interp3d: error: " << e.what() << "\n";
      return 2;
    }
    if (!morphOptions.prior) morphOptions.priorParts = {};  // --prior off
  }
  if (morphOptions.frames < 2 || morphOptions.resolution < 8 || morphOptions.resolution > 256) {
    std::cerr << "interp3d: error: --frames must be at least 2 and --resolution from 8 to 256\n";
    return 2;
  }
  for (const QCommandLineOption& shot : {screenshot, windowShot}) {
    if (parser.isSet(shot) && !parser.value(shot).endsWith(".png", Qt::CaseInsensitive)) {
      std::cerr << "interp3d: error: " << parser.value(shot).toStdString()
                << ": the screenshot must be a .png file\n";
      return 2;
    }
  }
  // Writes a PNG atomically (temporary file renamed on commit); false with a message on failure.
  auto savePng = [](const QImage& image, const QString& path) {
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && image.save(&file, "PNG") && file.commit()) return true;
    std::cerr << "interp3d: error: cannot write " << path.toStdString() << ": "
              << file.errorString().toStdString() << "\n";
    return false;
  };

  interp3d::MainWindow window(!headless);
  window.setMorphOptions(morphOptions);
  if (parser.isSet(wireframe)) window.setWireframe(true);
  if (headless) window.resize(size.width(), size.height() + 80);
  window.show();
  if (files.size() >= 1) window.loadMesh(interp3d::Slot::Source, files[0]);
  if (files.size() >= 2) window.loadMesh(interp3d::Slot::Target, files[1]);
  if (!headless) return app.exec();

  // A headless run never waits forever: it gives up after ten minutes.
  QTimer::singleShot(10 * 60 * 1000, &app, [] {
    std::cerr << "interp3d: error: gave up after 10 minutes\n";
    QCoreApplication::exit(3);
  });

  int exitCode = 0;
  // While a headless morph runs, the longest gap between ticks of a 10 ms timer shows whether the
  // GUI thread ever stalls.
  QElapsedTimer sinceTick;
  qint64 worstStall = 0;
  QTimer ticker;
  ticker.setInterval(10);
  QObject::connect(&ticker, &QTimer::timeout,
                   [&] { worstStall = std::max(worstStall, sinceTick.restart()); });
  auto finish = [&] {
    if (!window.loadErrors().isEmpty()) {
      exitCode = 1;
    } else if (benchFrames > 0) {
      const double fps = window.measureOrbitFps(benchFrames, !parser.isSet(noLod));
      std::cout << "orbit: " << benchFrames << " frames, " << fps
                << " fps (three viewports per frame, LOD " << (parser.isSet(noLod) ? "off" : "on")
                << ")\n";
    }
    if (exitCode == 0 && parser.isSet(screenshot) &&
        !savePng(window.renderViewports(size), parser.value(screenshot))) {
      exitCode = 1;
    }
    if (exitCode == 0 && parser.isSet(windowShot) &&
        !savePng(window.grabWindowImage(), parser.value(windowShot))) {
      exitCode = 1;
    }
    app.exit(exitCode);
  };
  auto afterLoads = [&] {
    if (!parser.isSet(morph) || !window.loadErrors().isEmpty()) return finish();
    QObject::connect(
        &window, &interp3d::MainWindow::morphFinished, &app, [&](bool ok, const QString& message) {
          ticker.stop();
          std::cout << "morph: " << (ok ? "done" : message.toStdString())
                    << "; longest GUI-thread stall " << worstStall << " ms\n";
          if (!ok) {
            std::cerr << "interp3d: error: morph failed: " << message.toStdString() << "\n";
            exitCode = 1;
            return finish();
          }
          const int frame = parser.isSet(frameOption) ? parser.value(frameOption).toInt()
                                                      : morphOptions.frames / 2;
          window.showFrame(frame);
          if (parser.isSet(exportFrame)) {
            const QString error = window.exportFrame(frame, parser.value(exportFrame));
            if (!error.isEmpty()) {
              std::cerr << "interp3d: error: " << error.toStdString() << "\n";
              exitCode = 1;
            }
          }
          QTimer::singleShot(0, finish);
        });
    sinceTick.start();
    ticker.start();
    window.startMorph();
  };
  if (window.loadsPending()) {
    QObject::connect(&window, &interp3d::MainWindow::loadsFinished, &app,
                     [&] { QTimer::singleShot(0, afterLoads); });
  } else {
    QTimer::singleShot(0, afterLoads);
  }
  return app.exec();
}
