// interp3d: the GUI. With --screenshot it renders the three viewports to a PNG and exits; with
// --orbit-bench it measures the orbit frame rate and exits.
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "util/process_setup.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSurfaceFormat>
#include <QTimer>

#include "jobs/option_table.h"
#include "prior/learned_prior.h"
#include "ui/main_window.h"
#include "ui/preferences.h"

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

  // Help needs no display: without one, Qt's default platform aborts before the help is printed.
  const bool display = qEnvironmentVariableIsSet("DISPLAY") ||
                       qEnvironmentVariableIsSet("WAYLAND_DISPLAY") ||
                       qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
  bool help = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    help = help || arg == "-h" || arg == "--help" || arg == "-?" || arg == "--help-all";
  }
  if (help && !display) qputenv("QT_QPA_PLATFORM", "offscreen");
  if (!help && !display) {
    std::cerr << "interp3d: error: no display to open a window on (DISPLAY is not set): run it "
                 "in a desktop session, or under xvfb-run for screenshots and exports\n";
    return 2;
  }
  QApplication app(argc, argv);
  QApplication::setOrganizationName("Interp3D");
  QApplication::setApplicationName("Interp3D Studio");

  QCommandLineParser parser;
  parser.setApplicationDescription("Interp3D Studio: morph one textured 3D mesh into another.");
  parser.addHelpOption();
  parser.addPositionalArgument("source", "Source mesh, or a project (.i3dproj) (optional).",
                               "[SOURCE]");
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
  QCommandLineOption morph(
      "morph",
      "Morph the two meshes after loading (then exits when a screenshot or an export is "
      "asked for; else the window stays open with the morph).");
  QCommandLineOption frameOption("frame", "Frame to show after the morph (default: the middle).",
                                 "I");
  QCommandLineOption exportFrame(
      "export-frame", "Write the shown frame, textured, to FILE (.glb/.obj/.ply).", "FILE");
  QCommandLineOption noLod("no-lod", "Draw full detail while the camera moves.");
  QCommandLineOption movie(
      "movie",
      "After --morph, render every frame of the morph view at --size to FILE (.mp4, "
      ".gif, or .png for numbered frames FILE_0000.png ...) and exit.",
      "FILE");
  QCommandLineOption movieFps("fps", "Frames a second of --movie (1 to 120, default 24).", "N",
                              "24");
  QCommandLineOption turntable("turntable", "--movie: the camera orbits once around the model.");
  QCommandLineOption allViews("all-views", "--movie: source, morph and target side by side.");
  QCommandLineOption correspondence(
      "correspondence",
      "After --morph: paint the source and target views by the correspondence, with the colour "
      "cube of the source (source) or of the target (target).",
      "FROM");
  QCommandLineOption compare(
      "compare",
      "After --morph, in the morph view: overlay-source, overlay-target, wipe-source, "
      "wipe-target or wipe-source-target.",
      "MODE");
  QCommandLineOption onionSkin("onion-skin",
                               "After --morph: ghosts of the neighbouring frames in the morph "
                               "view.");
  QCommandLineOption themeOption("theme",
                                 "The look of the window: system, dark or light "
                                 "(default: the preferences; system when headless).",
                                 "THEME");
  QCommandLineOption scrubBench(
      "scrub-bench",
      "After --morph, step the timeline through every frame N times, print the "
      "frame rate, exit.",
      "N");
  parser.addOptions({screenshot, windowShot, sizeOption, wireframe, orbitBench, noLod, morph,
                     frameOption, exportFrame, scrubBench, movie, movieFps, turntable, allViews,
                     correspondence, compare, onionSkin, themeOption});
  // The morph's options, from the one table the CLI and the Morph panel read too.
  std::vector<std::pair<std::string, QCommandLineOption>> morphOptions;
  for (const interp3d::OptionSpec& spec : interp3d::morphOptionTable()) {
    if (spec.name == "format") continue;  // an export's format follows its file name
    QString text = QString::fromStdString(spec.help);
    if (!interp3d::optionRange(spec).empty())
      text += QString(" (%1)").arg(QString::fromStdString(interp3d::optionRange(spec)));
    if (!spec.defaultValue.empty())
      text += QString(" (default %1)").arg(QString::fromStdString(spec.defaultValue));
    morphOptions.emplace_back(
        spec.name, QCommandLineOption(
                       QString::fromStdString(spec.name), text,
                       QString::fromStdString(spec.valueName.empty() ? "VALUE" : spec.valueName)));
    parser.addOption(morphOptions.back().second);
  }
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
  const int scrubPasses = parser.isSet(scrubBench) ? parser.value(scrubBench).toInt(&benchOk) : 0;
  if (!benchOk || scrubPasses < 0 || (scrubPasses > 0 && !parser.isSet(morph))) {
    std::cerr << "interp3d: error: --scrub-bench needs --morph and a positive number of passes\n";
    return 2;
  }
  const QString colourFrom = parser.value(correspondence);
  if (parser.isSet(correspondence) &&
      (!parser.isSet(morph) || (colourFrom != "source" && colourFrom != "target"))) {
    std::cerr << "interp3d: error: --correspondence needs --morph and source or target, got '"
              << colourFrom.toStdString() << "'\n";
    return 2;
  }
  // Index 0 is the plain morph view (no comparison), which --compare does not name.
  const QStringList compareModes{"side-by-side", "overlay-source", "overlay-target",
                                 "wipe-source",  "wipe-target",    "wipe-source-target"};
  const int compareMode = compareModes.indexOf(parser.value(compare));
  if (parser.isSet(compare) && compareMode < 0) {
    std::cerr << "interp3d: error: --compare must be "
              << compareModes.mid(1).join(", ").toStdString() << ", got '"
              << parser.value(compare).toStdString() << "'\n";
    return 2;
  }
  if ((parser.isSet(compare) || parser.isSet(onionSkin)) && !parser.isSet(morph)) {
    std::cerr << "interp3d: error: --compare and --onion-skin show a morph: add --morph\n";
    return 2;
  }
  if (parser.isSet(movie) && !parser.isSet(morph)) {
    std::cerr << "interp3d: error: --movie renders a morph: add --morph\n";
    return 2;
  }
  const QString movieKind = QFileInfo(parser.value(movie)).suffix().toLower();
  if (parser.isSet(movie) && movieKind != "mp4" && movieKind != "gif" && movieKind != "png") {
    std::cerr << "interp3d: error: " << parser.value(movie).toStdString()
              << ": a movie is .mp4, .gif or .png (numbered PNG frames)\n";
    return 2;
  }
  if (parser.isSet(movie) && !QFileInfo(parser.value(movie)).absoluteDir().exists()) {
    // Said before the morph, not after it has run.
    std::cerr << "interp3d: error: " << parser.value(movie).toStdString() << ": the folder "
              << QFileInfo(parser.value(movie)).absolutePath().toStdString() << " does not exist\n";
    return 2;
  }
  const int movieRate = parser.value(movieFps).toInt(&benchOk);
  if (!benchOk || movieRate < 1 || movieRate > 120) {
    std::cerr << "interp3d: error: --fps must be 1 to 120, got '"
              << parser.value(movieFps).toStdString() << "'\n";
    return 2;
  }
  const bool headless = parser.isSet(screenshot) || parser.isSet(windowShot) || benchFrames > 0 ||
                        parser.isSet(exportFrame) || scrubPasses > 0 || parser.isSet(movie);
  interp3d::MorphSettings settings = interp3d::defaultMorphSettings();
  if (!headless) {  // the user's theme and defaults; the command line's options still win
    const interp3d::Preferences prefs = interp3d::Preferences::load();
    interp3d::applyTheme(prefs.theme);
    prefs.applyTo(settings);
  }
  if (parser.isSet(themeOption)) {
    const QString theme = parser.value(themeOption);
    if (theme != "system" && theme != "dark" && theme != "light") {
      std::cerr << "interp3d: error: --theme must be system, dark or light, got '"
                << theme.toStdString() << "'\n";
      return 2;
    }
    interp3d::applyTheme(theme);
  }
  try {
    for (const auto& [name, option] : morphOptions) {
      if (parser.isSet(option))
        interp3d::applyOption(settings, name, parser.value(option).toStdString());
    }
    // A prior file is checked now, so a bad one is an error before any window opens.
    if (settings.prior != "auto" && settings.prior != "off")
      interp3d::resolvePrior(settings.prior, settings.morph.threads);
  } catch (const interp3d::Error& e) {
    std::cerr << "interp3d: error: " << e.what() << "\n";
    return 2;
  }
  int shownFrame = settings.morph.frames / 2;
  if (parser.isSet(frameOption)) {
    bool ok = false;
    shownFrame = parser.value(frameOption).toInt(&ok);
    if (!ok || shownFrame < 0 || shownFrame >= settings.morph.frames) {
      std::cerr << "interp3d: error: --frame must be from 0 to " << settings.morph.frames - 1
                << " (the morph has " << settings.morph.frames << " frames), got '"
                << parser.value(frameOption).toStdString() << "'\n";
      return 2;
    }
  }
  if (parser.isSet(morph) && files.size() != 2 &&
      !(files.size() == 1 && files[0].endsWith(".i3dproj", Qt::CaseInsensitive))) {
    std::cerr << "interp3d: error: --morph needs a source and a target mesh, or a project\n";
    return 2;
  }
  if (parser.isSet(exportFrame)) {  // said before the morph, not after it has run
    const QFileInfo file(parser.value(exportFrame));
    const QString kind = file.suffix().toLower();
    if (kind != "glb" && kind != "obj" && kind != "ply") {
      std::cerr << "interp3d: error: " << parser.value(exportFrame).toStdString()
                << ": a frame is written as .glb, .obj or .ply\n";
      return 2;
    }
    if (!file.absoluteDir().exists()) {
      std::cerr << "interp3d: error: " << parser.value(exportFrame).toStdString() << ": the folder "
                << file.absolutePath().toStdString() << " does not exist\n";
      return 2;
    }
  }
  for (const QCommandLineOption& needsMorph : {frameOption, exportFrame}) {
    if (parser.isSet(needsMorph) && !parser.isSet(morph)) {
      std::cerr << "interp3d: error: --" << needsMorph.names().first().toStdString()
                << " shows a frame of a morph: add --morph\n";
      return 2;
    }
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
  window.setMorphSettings(settings);
  if (parser.isSet(wireframe)) window.setWireframe(true);
  if (headless) window.resize(size.width(), size.height() + 80);
  window.show();
  const bool project = files.size() == 1 && files[0].endsWith(".i3dproj", Qt::CaseInsensitive);
  if (project) {  // a saved project: its inputs, options, landmarks and view
    const QString error = window.openProject(files[0]);
    if (!error.isEmpty()) {
      std::cerr << "interp3d: error: " << error.toStdString() << "\n";
      return 1;
    }
    // Options given on the command line win over the project's.
    interp3d::MorphSettings merged = window.currentProject().settings;
    try {
      for (const auto& [name, option] : morphOptions)
        if (parser.isSet(option))
          interp3d::applyOption(merged, name, parser.value(option).toStdString());
    } catch (const interp3d::Error& e) {
      std::cerr << "interp3d: error: " << e.what() << "\n";
      return 2;
    }
    window.setMorphSettings(merged);
  } else {
    if (files.size() >= 1) window.loadMesh(interp3d::Slot::Source, files[0]);
    if (files.size() >= 2) window.loadMesh(interp3d::Slot::Target, files[1]);
  }
  if (!headless) {
    if (files.isEmpty()) window.offerRecovery();
    if (parser.isSet(morph)) {
      // As if Morph were pressed once the meshes are loaded; then the frame asked for is shown.
      QObject::connect(
          &window, &interp3d::MainWindow::loadsFinished, &window,
          [&window] {
            if (window.loadErrors().isEmpty()) window.startMorph();
          },
          Qt::SingleShotConnection);
      QObject::connect(
          &window, &interp3d::MainWindow::morphFinished, &window,
          [&window, shownFrame, project, &parser, &frameOption](bool ok) {
            if (ok && (!project || parser.isSet(frameOption))) window.showFrame(shownFrame);
          },
          Qt::SingleShotConnection);
    }
    return app.exec();
  }

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
          // What is shown or rendered is the frames as they are exported: a pictured one is
          // baked here, a movie bakes its own, and the scrub benchmark scrubs them all baked.
          auto whenTextured = [&] {
            // A project without --frame opens at its own timeline position.
            const int frame =
                project && !parser.isSet(frameOption) ? window.currentProject().frame : shownFrame;
            if (compareMode > 0) window.setCompareMode(compareMode);
            if (parser.isSet(onionSkin)) window.setOnionSkin(true);
            if (parser.isSet(correspondence))
              window.setCorrespondenceColours(colourFrom == "source" ? 1 : 2);
            if (parser.isSet(movie)) {
              interp3d::MovieOptions options;
              options.path = parser.value(movie);
              options.size = size;
              options.fps = movieRate;
              options.turntable = parser.isSet(turntable);
              options.allViews = parser.isSet(allViews);
              const QString error = window.renderMovie(options);
              if (!error.isEmpty()) {
                std::cerr << "interp3d: error: " << error.toStdString() << "\n";
                exitCode = 1;
                return finish();
              }
              std::cout << "movie: wrote " << options.path.toStdString() << "\n";
            }
            if (scrubPasses > 0) {
              const double fps = window.measureScrubFps(scrubPasses);
              std::cout << "scrub: " << fps << " fps (the morph view, every frame, " << scrubPasses
                        << " passes)\n";
            }
            // A picture of the frame shows it baked (an export bakes its own).
            if (parser.isSet(screenshot) || parser.isSet(windowShot)) {
              const QString baking = window.bakeFrame(frame);
              if (!baking.isEmpty()) {
                std::cerr << "interp3d: error: " << baking.toStdString() << "\n";
                exitCode = 1;
                return finish();
              }
            }
            window.showFrame(frame);
            if (parser.isSet(screenshot) || parser.isSet(windowShot))
              std::cout << "frame " << frame << ": as exported"
                        << (window.shownFrameHasTexture() ? ", with its baked texture\n"
                            : window.inputsHaveTexture()  ? ", without a texture\n"
                                                          : " (the inputs have no texture)\n");
            if (parser.isSet(exportFrame)) {
              const QString error = window.exportFrame(frame, parser.value(exportFrame));
              if (!error.isEmpty()) {
                std::cerr << "interp3d: error: " << error.toStdString() << "\n";
                exitCode = 1;
              }
            }
            QTimer::singleShot(0, finish);
          };
          if (scrubPasses == 0 || !window.texturesPending()) return whenTextured();
          QObject::connect(&window, &interp3d::MainWindow::texturesFinished, &app, whenTextured);
        });
    sinceTick.start();
    ticker.start();
    if (!window.startMorph()) {
      std::cerr << "interp3d: error: " << files.join(" ").toStdString()
                << ": --morph needs both a source and a target mesh\n";
      exitCode = 1;
      finish();
    }
  };
  if (window.loadsPending()) {
    QObject::connect(&window, &interp3d::MainWindow::loadsFinished, &app,
                     [&] { QTimer::singleShot(0, afterLoads); });
  } else {
    QTimer::singleShot(0, afterLoads);
  }
  return app.exec();
}
