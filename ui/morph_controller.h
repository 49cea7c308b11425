// Runs a morph job in the background and fills a frame cache coarse to fine (the ends, the middle,
// the quarters, ...) so scrubbing is useful within seconds: first with vertex-coloured previews
// (finished() says the morph can be scrubbed), then, in the same order, with every frame's baked
// texture, the frame as it is exported (texturesFinished() when all are in). The worker gets copies
// of the meshes and settings, never widgets or `this`; its results come back to the GUI thread as
// queued calls tagged with the job's number, so a result of a job that was cancelled or replaced is
// dropped. Nothing here ever waits for a worker on the GUI thread (the destructor excepted).
#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include <QFuture>
#include <QObject>
#include <QString>

#include "jobs/morph_job.h"

namespace interp3d {

class MorphController : public QObject {
  Q_OBJECT
 public:
  enum class State { Idle, Running, Finished, Cancelled, Failed };

  explicit MorphController(QObject* parent = nullptr);
  ~MorphController() override;  // cancels every job and waits for the workers to stop

  // Cancels a running job and starts a new one: the old one's results are dropped. A finished
  // morph is kept aside until the new one finishes: when the new one is cancelled or fails, the
  // finished one comes back (state Finished, its frames and solver).
  void start(std::shared_ptr<const TexturedMesh> source, std::shared_ptr<const TexturedMesh> target,
             const MorphSettings& settings);
  // Asks the running job to stop; finished(Cancelled) follows.
  void cancel();
  // Cancels and forgets everything: cache, frames and solver, the kept one too (the inputs
  // changed).
  void reset();
  State state() const { return state_; }
  bool running() const { return state_ == State::Running; }

  int frameCount() const { return static_cast<int>(cache_.size()); }
  const std::vector<MorphFrame>& frames() const { return frames_; }
  struct CachedFrame {
    std::shared_ptr<const TexturedMesh> mesh;  // the preview or the textured frame, user units
    Similarity toUnit;                         // into the unit cube, interpolated along the morph
    float turn = 0.0f;      // about +Y from the source's pose (MorphSolver::turnAt)
    bool textured = false;  // the frame with its baked texture, as exported
    // The frame's vertex-coloured preview, kept beside its textured frame: what the frame falls
    // back to when the baked frames would pass the memory budget.
    std::shared_ptr<const TexturedMesh> preview;
  };
  // The cached frame nearest to `index` (mesh null when nothing is cached yet) and its index.
  CachedFrame nearestFrame(int index, int* found = nullptr) const;
  // Frames whose baked texture is in the cache, and whether the background is still baking.
  int texturedCount() const;
  bool texturing() const { return texturing_; }
  // Baked frames stay within this many bytes (textures and geometry): 1000 frames with
  // 2048-pixel textures would be 16 GB. A baked frame beyond the budget stays a preview
  // (overBudget() says so), and a frame baked on demand sends others back to their previews,
  // those behind it first. Applies to morphs started afterwards.
  void setTextureBudget(std::size_t bytes) { textureBudget_ = bytes; }
  std::size_t texturedBytes() const;
  bool overBudget() const { return overBudget_; }
  // Whether frame `index` of the finished morph has no baked texture in the cache yet.
  bool needsBaking(int index) const;
  // Keeps `mesh`, frame `index` with its baked texture (MorphSolver::meshAt(s, true)), made
  // elsewhere (on a worker for a movie), within the budget; returns the cached frame.
  CachedFrame storeTextured(int index, std::shared_ptr<const TexturedMesh> mesh);
  // Frame `index` with its baked texture: from the cache, or baked now on the calling thread
  // (and cached) when the background has not reached it. A null mesh without a finished morph.
  // Throws Cancelled when `progress` is cancelled.
  CachedFrame texturedFrame(int index, const Progress& progress = Progress());
  // The solver of the last finished job (for exports), or null.
  std::shared_ptr<const MorphSolver> solver() const {
    return state_ == State::Finished ? solver_ : nullptr;
  }
  // Workers still running (cancelled ones included), for tests.
  int activeWorkers() const { return workers_->load(); }

 signals:
  void progress(double fraction, const QString& stage);
  void framesPlanned(int count);
  void frameReady(int index);
  void finished(interp3d::JobStatus status, const QString& message);
  // After finished(Done): `done` of `total` frames have their baked texture.
  void texturesProgress(int done, int total);
  // The background stopped baking textures: all are in (Done; with overBudget() some are left
  // as previews), or it was cancelled or failed (`message` says why). Not emitted for a job that
  // a new start() or reset() replaced.
  void texturesFinished(interp3d::JobStatus status, const QString& message);

 private:
  void deliverFrame(unsigned job, int index, const CachedFrame& frame);
  // Bakes the finished morph's frames that have no baked texture yet, on a worker, coarse to fine.
  void startBaking();

  std::shared_ptr<std::atomic<bool>> cancelFlag_;
  std::vector<QFuture<void>> futures_;
  std::shared_ptr<std::atomic<int>> workers_ = std::make_shared<std::atomic<int>>(0);
  unsigned job_ = 0;
  State state_ = State::Idle;
  bool texturing_ = false;
  bool overBudget_ = false;
  std::size_t textureBudget_ = std::size_t(2) << 30;
  struct Run {
    std::shared_ptr<const MorphSolver> solver;
    std::vector<MorphFrame> frames;
    std::vector<CachedFrame> cache;
  };
  std::shared_ptr<const MorphSolver> solver_;
  std::vector<MorphFrame> frames_;
  std::vector<CachedFrame> cache_;
  Run kept_;  // the last finished morph while a newer one runs
};

}  // namespace interp3d
