// Spinning the event loop in tests until a queued result has arrived.
#pragma once

#include <QCoreApplication>
#include <QElapsedTimer>

namespace interp3d::testing {

// Spins the event loop until `done` or `seconds` pass; returns `done()`.
template <typename Done>
bool waitUntil(Done done, int seconds = 120) {
  QElapsedTimer timer;
  timer.start();
  while (!done() && timer.elapsed() < seconds * 1000)
    QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
  return done();
}

}  // namespace interp3d::testing
