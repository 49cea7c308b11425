// The main window as a person uses it: window size, loads that fail, the playback keys, and a
// morph cancelled while an earlier one is finished (on X, under Xvfb: its viewports need OpenGL).
#include "ui/main_window.h"

#include <fstream>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineF>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTest>
#include <QUndoStack>

#include <gtest/gtest.h>

#include "wait_until.h"

#include "io/mesh_export.h"
#include "test_meshes.h"
#include "test_support.h"
#include "ui/camera_rig.h"
#include "ui/landmark_list.h"
#include "ui/timeline.h"
#include "ui/viewport.h"

namespace interp3d {
namespace {

namespace fs = std::filesystem;

using testing::waitUntil;

MorphSettings smallSettings(int frames) {
  MorphSettings s = defaultMorphSettings();
  s.morph = testing::smallMorphOptions();
  s.morph.frames = frames;
  s.prior = "off";
  return s;
}

// The small demo pair written to files, loaded into `window`.
struct LoadedPair {
  testing::ScratchDir dir{"mainwindow"};
  fs::path source = dir / "creature.glb", target = dir / "torus.glb";
};
void loadPair(MainWindow& window, const LoadedPair& pair) {
  const auto [a, b] = testing::smallDemoPair();
  saveMesh(a, pair.source);
  saveMesh(b, pair.target);
  window.loadMesh(Slot::Source, QString::fromStdString(pair.source.string()));
  window.loadMesh(Slot::Target, QString::fromStdString(pair.target.string()));
  ASSERT_TRUE(waitUntil([&] { return !window.loadsPending(); }));
  ASSERT_TRUE(window.loadErrors().isEmpty()) << window.loadErrors().join("; ").toStdString();
}

bool morph(MainWindow& window, int frames) {
  QSignalSpy finished(&window, &MainWindow::morphFinished);
  window.setMorphSettings(smallSettings(frames));
  window.startMorph();
  // Finished, and its frames as exported (the baked textures replace the previews, so pictures
  // taken before they are all in would change under the test).
  return waitUntil([&] { return finished.count() == 1; }) && finished.at(0).at(0).toBool() &&
         waitUntil([&] { return !window.texturesPending(); });
}

TEST(MainWindow, OpensWithinTheScreenAndRemembersItsSize) {
  QSettings().clear();
  QRect screen;
  {
    MainWindow window;
    window.show();
    screen = window.screen()->availableGeometry();
    EXPECT_LE(window.frameGeometry().width(), screen.width());
    EXPECT_LE(window.frameGeometry().height(), screen.height());
    EXPECT_TRUE(screen.contains(window.geometry())) << window.geometry().x();
    // It fits a 1366x768 laptop screen, title bar and task bar included: the Landmarks panel
    // scrolls rather than add to the window's least height (it was 792 px); the Morph panel, with
    // its Morph button, never scrolls.
    EXPECT_LE(window.minimumSizeHint().height(), 680);
    EXPECT_LE(window.minimumSizeHint().width(), 1300);
    window.resize(screen.width() * 3 / 4, screen.height() * 3 / 4);
    window.close();
  }
  MainWindow again;
  again.show();
  EXPECT_EQ(again.size(), QSize(screen.width() * 3 / 4, screen.height() * 3 / 4));
  QSettings().clear();
}

TEST(MainWindow, AFileThatFailsToLoadKeepsTheMeshBefore) {
  MainWindow window(false);
  LoadedPair pair;
  loadPair(window, pair);
  const fs::path corrupt = pair.dir / "corrupt.glb";
  std::ofstream(corrupt) << "glTF this is not";
  window.loadMesh(Slot::Source, QString::fromStdString(corrupt.string()));
  ASSERT_TRUE(waitUntil([&] { return !window.loadsPending(); }));
  ASSERT_EQ(window.loadErrors().size(), 1);
  EXPECT_TRUE(window.loadErrors().front().contains("corrupt.glb"));
  const QString status = window.findChild<QLabel*>("sourceStatus")->text();
  EXPECT_TRUE(status.contains("creature.glb")) << status.toStdString();
  EXPECT_EQ(window.findChild<Viewport*>("sourceView")->caption(), "creature.glb");
  EXPECT_TRUE(morph(window, 3));  // still creature to torus
}

TEST(MainWindow, TheMorphViewSaysAFrameIsComputingUntilItIsThere) {
  MainWindow window(false);
  LoadedPair pair;
  loadPair(window, pair);
  window.setMorphSettings(smallSettings(5));
  window.startMorph();
  const QString caption = window.findChild<Viewport*>("morphView")->caption();
  EXPECT_TRUE(caption.contains("computing")) << caption.toStdString();
  ASSERT_TRUE(waitUntil([&] { return !window.morphRunning(); }));
  // Then the preview, then the frame with its baked texture, as it is exported.
  ASSERT_TRUE(waitUntil([&] { return !window.texturesPending(); }));
  EXPECT_EQ(window.texturedFrames(), 5);
  EXPECT_EQ(window.findChild<Viewport*>("morphView")->caption(), "frame 2 of 4");
}

TEST(MainWindow, PlaybackKeysMoveTheTimelineWhereverTheFocusIs) {
  MainWindow window(false);
  LoadedPair pair;
  loadPair(window, pair);
  ASSERT_TRUE(morph(window, 5));
  window.show();
  window.activateWindow();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
  auto* timeline = window.findChild<Timeline*>();
  for (QWidget* focus : {static_cast<QWidget*>(window.findChild<Viewport*>("morphView")),
                         static_cast<QWidget*>(window.findChild<QSlider*>("frameSlider"))}) {
    focus->setFocus();
    QTest::keyClick(focus, Qt::Key_End);
    EXPECT_EQ(timeline->currentFrame(), 4);
    QTest::keyClick(focus, Qt::Key_Left);
    EXPECT_EQ(timeline->currentFrame(), 3);
    QTest::keyClick(focus, Qt::Key_Home);
    EXPECT_EQ(timeline->currentFrame(), 0);
    QTest::keyClick(focus, Qt::Key_Right);
    EXPECT_EQ(timeline->currentFrame(), 1);
  }
  EXPECT_EQ(window.findChild<Viewport*>("morphView")->caption().trimmed(), "frame 1 of 4");
  for (const char* key : {"Space", "Left", "Right", "Home", "End"})
    EXPECT_TRUE(MainWindow::controlsText().contains(key)) << key;
}

TEST(MainWindow, ACancelledMorphBringsBackTheFinishedOne) {
  MainWindow window(false);
  LoadedPair pair;
  loadPair(window, pair);
  ASSERT_TRUE(morph(window, 5));
  auto* exportButton = window.findChild<QPushButton*>("exportFrame");
  EXPECT_TRUE(exportButton->isEnabled());
  QSignalSpy finished(&window, &MainWindow::morphFinished);
  window.setMorphSettings(smallSettings(33));
  window.startMorph();
  EXPECT_EQ(window.findChild<Timeline*>()->frameCount(), 33);
  EXPECT_FALSE(exportButton->isEnabled());
  window.findChild<QPushButton*>("cancelMorph")->click();
  ASSERT_TRUE(waitUntil([&] { return finished.count() == 1; }));
  EXPECT_EQ(finished.at(0).at(1).toString(), "cancelled");
  // The panel says what is shown: the morph before (it said "Cancelled" alone).
  EXPECT_EQ(window.findChild<QLabel*>("morphStage")->text(),
            "Cancelled: the previous morph is shown");
  EXPECT_EQ(window.findChild<Timeline*>()->frameCount(), 5);
  EXPECT_TRUE(exportButton->isEnabled());
  const QString caption = window.findChild<Viewport*>("morphView")->caption();
  EXPECT_TRUE(caption.startsWith("frame 2 of 4")) << caption.toStdString();
  testing::ScratchDir out("cancelexport");
  EXPECT_EQ(window.exportFrame(1, QString::fromStdString((out / "f.glb").string())), "");
  EXPECT_TRUE(fs::exists(out / "f.glb"));

  // Esc cancels too, though the Morph menu was last opened while no morph ran (its Cancel item
  // was then disabled, and stayed so: Esc did nothing).
  window.show();
  window.activateWindow();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
  QMenu* morphMenu = nullptr;
  for (QAction* a : window.menuBar()->actions())
    if (a->text() == "&Morph") morphMenu = a->menu();
  ASSERT_NE(morphMenu, nullptr);
  emit morphMenu->aboutToShow();
  finished.clear();
  window.startMorph();
  auto* view = window.findChild<Viewport*>("morphView");
  view->setFocus();
  QTest::keyClick(view, Qt::Key_Escape);
  ASSERT_TRUE(waitUntil([&] { return finished.count() == 1; }));
  EXPECT_EQ(finished.at(0).at(1).toString(), "cancelled");
}

// Landmarks by clicking: a click on the source and one on the target make a pair, shown as
// numbered pins; the morph takes the source point to the target point; the pair mirrors across
// the symmetry planes.
TEST(MainWindow, LandmarksByClickingAreMetByTheMorph) {
  MainWindow window(false);
  LoadedPair pair;
  loadPair(window, pair);
  window.resize(1200, 700);
  window.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
  {  // no pair and no morph yet: the menu offers neither Mirror nor Suggest, as the panel does not
    QMenu* marks = nullptr;
    for (QAction* a : window.menuBar()->actions())
      if (a->text() == "&Landmarks") marks = a->menu();
    ASSERT_NE(marks, nullptr);
    emit marks->aboutToShow();
    for (QAction* a : marks->actions())
      if (a->text() == "&Mirror" || a->text().startsWith("&Suggest")) {
        EXPECT_FALSE(a->isEnabled()) << a->text().toStdString();
      }
  }
  auto* source = window.findChild<Viewport*>("sourceView");
  auto* target = window.findChild<Viewport*>("targetView");
  // Off the mesh nothing is placed; without placing mode a click only orbits.
  QTest::mouseClick(source, Qt::LeftButton, Qt::NoModifier, source->rect().center());
  EXPECT_EQ(window.landmarks().size(), 0);
  window.findChild<QPushButton*>("placeLandmarks")->click();
  QTest::mouseClick(source, Qt::LeftButton, Qt::NoModifier, QPoint(2, 2));  // the background
  EXPECT_EQ(window.landmarks().size(), 0);
  QTest::mouseClick(source, Qt::LeftButton, Qt::NoModifier, source->rect().center());
  ASSERT_EQ(window.landmarks().size(), 1);
  EXPECT_FALSE(window.landmarks().pairs()[0].complete());
  const QPoint onTarget = target->rect().center() + QPoint(target->width() / 8, 0);
  ASSERT_TRUE(target->pick(onTarget)) << "the torus's hole is under the centre";
  QTest::mouseClick(target, Qt::LeftButton, Qt::NoModifier, onTarget);
  ASSERT_EQ(window.landmarks().complete().size(), 1u);
  const Landmark placed = window.landmarks().complete()[0];
  // The pin sits where it was clicked.
  EXPECT_LT(QLineF(source->project(placed.source, source->size()), QPointF(source->rect().center()))
                .length(),
            2.0);
  // Where the morph sends the landmark's source point: its target point (within 2% of the
  // diagonal on this lattice morph), and elsewhere once the landmark is gone.
  const auto [a, b] = testing::smallDemoPair();
  const float diagonal = boundingBox(b.positions).diagonal();
  float error[2] = {0.0f, 0.0f};
  for (int run = 0; run < 2; ++run) {
    ASSERT_TRUE(morph(window, 3));
    window.placeLandmark(true, placed.source);
    ASSERT_EQ(window.suggestLandmarks(), 1);
    const LandmarkList::Pair& suggested = window.landmarks().pairs().back();
    error[run] = glm::distance(*suggested.target, placed.target) / diagonal;
    window.findChild<QPushButton*>("clearLandmarks")->click();
    EXPECT_EQ(window.landmarks().size(), 0);
  }
  EXPECT_LT(error[0], 0.02f);
  EXPECT_GT(error[1], 2.0f * error[0]) << error[0] << " " << error[1];
}

// Mirror adds each pair's image across the symmetry planes: spot's is x = 0.
TEST(MainWindow, LandmarksMirrorAcrossTheSymmetryPlanes) {
  MainWindow window(false);
  const QString spot = QString::fromStdString((testing::sharedAssets() / "spot/spot.obj").string());
  window.loadMesh(Slot::Source, spot);
  window.loadMesh(Slot::Target, spot);
  ASSERT_TRUE(waitUntil([&] { return !window.loadsPending(); }));
  const glm::vec3 flank(0.3f, 0.1f, 0.2f), middle(0.0f, 0.8f, -0.2f);
  window.placeLandmark(true, flank);
  window.placeLandmark(false, flank);
  window.placeLandmark(true, middle);  // on the plane: its own image
  window.placeLandmark(false, middle);
  ASSERT_EQ(window.mirrorLandmarks(), 1);
  ASSERT_EQ(window.landmarks().size(), 3);
  const LandmarkList::Pair& image = window.landmarks().pairs()[2];
  ASSERT_TRUE(image.complete());
  EXPECT_NEAR(image.source->x, -0.3f, 0.05f);
  EXPECT_NEAR(image.target->x, -0.3f, 0.05f);
}

// Every edit is a step back and forward: landmarks, options, the view and a load.
TEST(MainWindow, UndoAndRedoEveryEdit) {
  MainWindow window(false);
  LoadedPair pair;
  loadPair(window, pair);
  QUndoStack* undo = window.undoStack();
  const int start = undo->count();
  window.placeLandmark(true, glm::vec3(0.1f, 0.2f, 0.3f));
  EXPECT_EQ(undo->count(), start + 1);
  window.findChild<QSpinBox*>("frames")->setValue(9);
  const CameraRig* rig = window.findChild<CameraRig*>();
  ASSERT_TRUE(rig);
  const float yaw = rig->camera().yaw();
  const_cast<CameraRig*>(rig)->rotate(40.0f, 0.0f);
  ASSERT_TRUE(waitUntil([&] { return undo->count() == start + 3; }, 5));  // once it settles
  const fs::path other = pair.dir / "other.glb";
  saveMesh(testing::makeCube(), other);
  window.loadMesh(Slot::Target, QString::fromStdString(other.string()));
  ASSERT_TRUE(waitUntil([&] { return !window.loadsPending(); }));
  EXPECT_EQ(undo->count(), start + 4);

  undo->undo();  // the load
  ASSERT_TRUE(waitUntil([&] { return !window.loadsPending(); }));
  EXPECT_EQ(fs::path(window.currentProject().target.toStdString()), pair.target);
  undo->undo();  // the view
  EXPECT_FLOAT_EQ(rig->camera().yaw(), yaw);
  undo->undo();  // the option
  EXPECT_EQ(window.currentProject().settings.morph.frames, 17);
  undo->undo();  // the landmark
  EXPECT_EQ(window.landmarks().size(), 0);
  EXPECT_EQ(undo->count(), start + 4);  // nothing undone was recorded as a new edit
  undo->redo();
  undo->redo();
  EXPECT_EQ(window.landmarks().size(), 1);
  EXPECT_EQ(window.currentProject().settings.morph.frames, 9);
  undo->redo();
  undo->redo();
  ASSERT_TRUE(waitUntil([&] { return !window.loadsPending(); }));
  EXPECT_EQ(fs::path(window.currentProject().target.toStdString()), other);
  EXPECT_FALSE(undo->canRedo());
}

// Mean difference of two images over `area`, 0..255.
double difference(const QImage& a, const QImage& b, const QRect& area) {
  double sum = 0.0;
  for (int y = area.top(); y <= area.bottom(); ++y)
    for (int x = area.left(); x <= area.right(); ++x) {
      const QRgb p = a.pixel(x, y), q = b.pixel(x, y);
      sum += (std::abs(qRed(p) - qRed(q)) + std::abs(qGreen(p) - qGreen(q)) +
              std::abs(qBlue(p) - qBlue(q))) /
             3.0;
    }
  return sum / (static_cast<double>(area.width()) * area.height());
}

// Compare tools in the morph view: a wipe changes the part left of its line only, an overlay
// and onion-skin ghosts change the picture, and side by side brings it back.
TEST(MainWindow, CompareAndOnionSkinChangeWhatTheMorphViewShows) {
  MainWindow window(false);
  LoadedPair pair;
  loadPair(window, pair);
  window.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
  ASSERT_TRUE(morph(window, 5));
  window.showFrame(3);
  const QSize size(900, 300);
  const QRect morphLeft(300, 40, 140, 220), morphRight(460, 40, 140, 220);
  const QImage plain = window.renderViewports(size);
  window.setCompareMode(3);  // wipe from the source
  const QImage wiped = window.renderViewports(size);
  EXPECT_TRUE(window.findChild<Viewport*>("morphView")->caption().endsWith("source on the left"));
  EXPECT_GT(difference(plain, wiped, morphLeft), 2.0);
  EXPECT_LT(difference(plain, wiped, morphRight), 0.5);
  {  // the wipe's line runs down the view but stops short of the caption it would cross
    const QImage view = window.findChild<Viewport*>("morphView")->renderToImage(QSize(300, 300));
    const int x = 150;  // the line (2 pixels left of it); the caption spans it too
    auto whiteIn = [&](int y0, int y1) {
      int n = 0;
      for (int y = y0; y < y1; ++y)
        for (int dx = -2; dx <= 1; ++dx) n += qGray(view.pixel(x + dx, y)) > 220;
      return n;
    };
    EXPECT_GT(whiteIn(60, 120), 50);  // the line
    EXPECT_EQ(whiteIn(280, 294), 0);  // the caption's band
  }
  window.setCompareMode(2);  // the target overlaid
  EXPECT_GT(difference(plain, window.renderViewports(size), QRect(300, 40, 300, 220)), 1.0);
  EXPECT_EQ(window.findChild<Viewport*>("morphView")->caption(), "frame 3 of 4 | target overlaid");
  window.setCompareMode(5);  // the two inputs side by side, the morph hidden: the caption says so
  EXPECT_EQ(window.findChild<Viewport*>("morphView")->caption(),
            "source | target (frame 3 hidden)");
  window.setCompareMode(0);
  EXPECT_EQ(window.findChild<Viewport*>("morphView")->caption(), "frame 3 of 4");
  EXPECT_LT(difference(plain, window.renderViewports(size), QRect(0, 0, 900, 300)), 0.1);
  window.setOnionSkin(true);
  EXPECT_EQ(window.findChild<Viewport*>("morphView")->caption(), "frame 3 of 4 | 2 orange, 4 blue");
  const QImage onion = window.renderViewports(size);
  EXPECT_GT(difference(plain, onion, QRect(300, 40, 300, 220)), 0.1);
  // Frame 4 (the torus, larger than frame 3) shows around frame 3 as a blue ghost: the pixels of
  // the morph view the ghosts changed are blue, few orange (frame 2's warm ghost peeks out here
  // and there). Grey ghosts with the texture barely showed: of the pixels they changed, 28% were
  // blue.
  int changed = 0, blue = 0, orange = 0;
  for (int y = 30; y < 265; ++y)  // between the title and the caption
    for (int x = 300; x < 600; ++x) {
      const QRgb p = plain.pixel(x, y), q = onion.pixel(x, y);
      if (std::abs(qRed(p) - qRed(q)) + std::abs(qGreen(p) - qGreen(q)) +
              std::abs(qBlue(p) - qBlue(q)) <
          24)
        continue;
      ++changed;
      blue += qBlue(q) > qRed(q) + 15;
      orange += qRed(q) > qBlue(q) + 15;
    }
  EXPECT_GT(changed, 100);
  EXPECT_GT(blue, 0.85 * changed);
  EXPECT_LT(orange, 0.1 * changed);
  window.showFrame(0);  // the first frame has no frame before it
  EXPECT_EQ(window.findChild<Viewport*>("morphView")->caption(), "frame 0 of 4 | 1 blue");
}

// Unlinked, each view turns alone from where the shared camera was; linked again, all three
// share the morph view's camera.
TEST(MainWindow, CamerasLinkAndUnlink) {
  MainWindow window(false);
  auto* source = window.findChild<Viewport*>("sourceView");
  auto* morphView = window.findChild<Viewport*>("morphView");
  auto* target = window.findChild<Viewport*>("targetView");
  ASSERT_TRUE(window.camerasLinked());
  const float yaw = morphView->rig()->camera().yaw();
  window.setCamerasLinked(false);
  EXPECT_FALSE(window.camerasLinked());
  EXPECT_FLOAT_EQ(source->rig()->camera().yaw(), yaw);
  source->rig()->rotate(50.0f, 0.0f);
  EXPECT_FLOAT_EQ(morphView->rig()->camera().yaw(), yaw);
  EXPECT_FLOAT_EQ(target->rig()->camera().yaw(), yaw);
  morphView->rig()->rotate(-20.0f, 0.0f);
  window.setCamerasLinked(true);
  EXPECT_TRUE(window.camerasLinked());
  EXPECT_EQ(source->rig(), target->rig());
  EXPECT_FLOAT_EQ(source->rig()->camera().yaw(), yaw - 20.0f);
}

// A project opens with its own inputs only: one that is missing leaves its slot empty (and
// named, for saving) rather than keeping the mesh loaded before; settings set at the start are
// no edits; undoing the first load empties the slot again.
TEST(MainWindow, ProjectsAndUndoKeepTheirInputsStraight) {
  LoadedPair pair;
  const fs::path project = pair.dir / "p.i3dproj";
  {
    MainWindow window(false);
    loadPair(window, pair);
    ASSERT_EQ(window.saveProjectAs(QString::fromStdString(project.string())), "");
  }
  fs::rename(pair.source, pair.dir / "moved.glb");
  MainWindow window(false);
  MorphSettings settings = smallSettings(9);
  window.setMorphSettings(settings);
  EXPECT_EQ(window.undoStack()->count(), 0);
  EXPECT_FALSE(window.isWindowModified());
  window.loadMesh(Slot::Source, QString::fromStdString((pair.dir / "moved.glb").string()));
  ASSERT_TRUE(waitUntil([&] { return !window.loadsPending(); }));
  ASSERT_EQ(window.undoStack()->count(), 1);
  window.undoStack()->undo();  // the first load: no source again
  EXPECT_TRUE(window.currentProject().source.isEmpty());
  window.undoStack()->redo();
  ASSERT_TRUE(waitUntil([&] { return !window.loadsPending(); }));
  ASSERT_EQ(window.openProject(QString::fromStdString(project.string())), "");
  ASSERT_TRUE(waitUntil([&] { return !window.loadsPending(); }));
  EXPECT_EQ(window.loadErrors().size(), 1);  // creature.glb is gone
  const Project p = window.currentProject();
  EXPECT_EQ(fs::path(p.source.toStdString()), pair.source);  // still the project's
  EXPECT_EQ(fs::path(p.target.toStdString()), pair.target);
  EXPECT_EQ(window.findChild<Viewport*>("sourceView")->mesh(), nullptr);  // not moved.glb
  EXPECT_FALSE(window.startMorph());
}

// From a first-time user's walkthrough: a failed morph leaves no "computing" frame behind; a
// new target drops the landmarks' points on the old one; Ctrl+Z in a number box is the
// window's undo.
TEST(MainWindow, FailedMorphsNewTargetsAndUndoInANumberBox) {
  MainWindow window(false);
  LoadedPair pair;
  loadPair(window, pair);
  window.show();
  window.activateWindow();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
  window.placeLandmark(true, glm::vec3(0.1f, 0.2f, 0.3f));
  window.placeLandmark(false, glm::vec3(100.0f, 100.0f, 100.0f));  // far off the torus
  QSignalSpy finished(&window, &MainWindow::morphFinished);
  window.setMorphSettings(smallSettings(5));
  ASSERT_TRUE(window.startMorph());
  ASSERT_TRUE(waitUntil([&] { return finished.count() == 1; }));
  EXPECT_FALSE(finished.at(0).at(0).toBool());
  EXPECT_EQ(window.findChild<Timeline*>()->frameCount(), 0);
  EXPECT_TRUE(window.findChild<Viewport*>("morphView")->caption().contains("failed"));

  const fs::path cube = pair.dir / "cube.glb";
  saveMesh(testing::makeCube(), cube);
  window.loadMesh(Slot::Target, QString::fromStdString(cube.string()));
  ASSERT_TRUE(waitUntil([&] { return !window.loadsPending(); }));
  ASSERT_EQ(window.landmarks().size(), 1);
  EXPECT_TRUE(window.landmarks().pairs()[0].source.has_value());
  EXPECT_FALSE(window.landmarks().pairs()[0].target.has_value());

  auto* frames = window.findChild<QSpinBox*>("frames");
  frames->setFocus();
  frames->setValue(9);
  ASSERT_EQ(window.currentProject().settings.morph.frames, 9);
  QTest::keyClick(frames, Qt::Key_Z, Qt::ControlModifier);
  EXPECT_EQ(window.currentProject().settings.morph.frames, 5);
}

// A project keeps the inputs, the options, the landmarks and the camera; opening it in a new
// window brings them back. A file that is not a project is an error naming it.
TEST(MainWindow, AProjectSavesAndOpensEverythingSetUp) {
  LoadedPair pair;
  const fs::path project = pair.dir / "sub" / "morph.i3dproj";
  fs::create_directories(project.parent_path());
  {
    MainWindow window(false);
    loadPair(window, pair);
    MorphSettings settings = smallSettings(9);
    applyOption(settings, "schedule", "ease");
    window.setMorphSettings(settings);
    window.placeLandmark(true, glm::vec3(0.1f, 0.2f, 0.3f));
    window.placeLandmark(false, glm::vec3(-0.4f, 0.5f, 0.6f));
    window.placeLandmark(true, glm::vec3(0.7f, 0.8f, 0.9f));  // waits for its target
    EXPECT_TRUE(window.isWindowModified());
    EXPECT_EQ(window.saveProjectAs(QString::fromStdString(project.string())), "");
    EXPECT_FALSE(window.isWindowModified());
    EXPECT_TRUE(window.windowTitle().startsWith("morph"));
  }
  MainWindow window(false);
  ASSERT_EQ(window.openProject(QString::fromStdString(project.string())), "");
  ASSERT_TRUE(waitUntil([&] { return !window.loadsPending(); }));
  EXPECT_TRUE(window.loadErrors().isEmpty());
  EXPECT_FALSE(window.isWindowModified());
  const Project p = window.currentProject();
  EXPECT_EQ(fs::path(p.source.toStdString()), fs::canonical(pair.source));
  EXPECT_EQ(fs::path(p.target.toStdString()), fs::canonical(pair.target));
  EXPECT_EQ(p.settings.morph.frames, 9);
  EXPECT_EQ(p.settings.morph.timing.schedule, Schedule::Ease);
  ASSERT_EQ(window.landmarks().size(), 2);
  EXPECT_EQ(window.landmarks().complete().size(), 1u);
  EXPECT_NEAR(window.landmarks().complete()[0].target.y, 0.5f, 1e-6f);
  EXPECT_FALSE(window.landmarks().pairs()[1].target.has_value());
  // What the file says: inputs by relative path.
  std::ifstream in(project);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("../creature.glb"), std::string::npos) << text;
  // The autosave is a project too.
  window.placeLandmark(false, glm::vec3(1.0f, 1.0f, 1.0f));
  const QString saved = window.autosave();
  ASSERT_FALSE(saved.isEmpty());
  EXPECT_EQ(loadProject(saved).landmarks.size(), 2u);
  const fs::path junk = pair.dir / "junk.i3dproj";
  std::ofstream(junk) << "{\"kind\": \"something else\"}";
  const QString error = window.openProject(QString::fromStdString(junk.string()));
  EXPECT_TRUE(error.contains("junk.i3dproj")) << error.toStdString();
  EXPECT_TRUE(error.contains("not an Interp3D project")) << error.toStdString();
}

}  // namespace
}  // namespace interp3d
