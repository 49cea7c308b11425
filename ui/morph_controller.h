// Runs a morph in the background and fills a frame cache coarse to fine (the ends, the middle,
// the quarters, ...) so scrubbing is useful within seconds. Results and progress come back to the
// GUI thread through queued calls; the worker gets copies of the meshes, never widgets.
#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include <QFuture>
#include <QObject>
#include <QString>

#include "morph/morph_solver.h"

namespace interp3d {

class MorphController : public QObject {
  Q_OBJECT
 public:
  explicit MorphController(QObject* parent = nullptr);
  ~MorphController() override;

  // Cancels a running job and starts a new one.
  void start(std::shared_ptr<const TexturedMesh> source, std::shared_ptr<const TexturedMesh> target,
             const MorphOptions& options);
  void cancel();
  // Cancels and forgets everything: cache, frames and solver (the inputs changed).
  void reset();
  bool running() const { return running_; }

  int frameCount() const { return static_cast<int>(cache_.size()); }
  const std::vector<MorphFrame>& frames() const { return frames_; }
  struct CachedFrame {
    std::shared_ptr<const TexturedMesh> mesh;  // vertex-coloured preview, user units
    Similarity toUnit;                         // into the unit cube, interpolated along the morph
  };
  // The cached frame nearest to `index` (mesh null when nothing is cached yet) and its index.
  CachedFrame nearestFrame(int index, int* found = nullptr) const;
  // The solver of the last finished job (for exports), or null.
  std::shared_ptr<MorphSolver> solver() const { return finished_ ? solver_ : nullptr; }

  // Order in which frames are computed: 0, n-1, the middle, then the middles of every gap.
  static std::vector<int> coarseToFineOrder(int frames);

 signals:
  void progress(double fraction, const QString& stage);
  void framesPlanned(int count);
  void frameReady(int index);
  void finished(bool ok, const QString& message);

 private:
  void deliverFrame(unsigned job, int index, CachedFrame frame);

  std::shared_ptr<std::atomic<bool>> cancelFlag_;
  QFuture<void> future_;
  unsigned job_ = 0;
  bool running_ = false;
  bool finished_ = false;
  std::shared_ptr<MorphSolver> solver_;
  std::vector<MorphFrame> frames_;
  std::vector<CachedFrame> cache_;
};

}  // namespace interp3d
