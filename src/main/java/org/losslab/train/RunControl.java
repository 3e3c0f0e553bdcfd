package org.losslab.train;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Pause, single-step, resume, stop and learning-rate requests from any thread, honoured by the training loop
 * between steps.
 */
public final class RunControl {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean paused;
    private boolean stopped;
    private int pendingSteps;
    private volatile double requestedLearningRate = Double.NaN;

    public void pause() {
        withLock(() -> paused = true);
    }

    public void resume() {
        withLock(() -> paused = false);
    }

    /** While paused, run exactly one more step. */
    public void stepOnce() {
        withLock(() -> {
            paused = true;
            pendingSteps++;
        });
    }

    public void stop() {
        withLock(() -> stopped = true);
    }

    public boolean isPaused() {
        lock.lock();
        try {
            return paused;
        } finally {
            lock.unlock();
        }
    }

    public boolean isStopped() {
        lock.lock();
        try {
            return stopped;
        } finally {
            lock.unlock();
        }
    }

    /** Applied by the loop before its next step. */
    public void setLearningRate(double lr) {
        requestedLearningRate = lr;
    }

    /** The pending learning-rate change, or NaN; clears it. */
    double takeLearningRate() {
        double lr = requestedLearningRate;
        requestedLearningRate = Double.NaN;
        return lr;
    }

    /**
     * Blocks while paused with no single step pending.
     *
     * @return true to take a step, false to stop
     */
    boolean awaitPermission(Runnable onPause) throws InterruptedException {
        lock.lock();
        try {
            boolean announced = false;
            while (!stopped && paused && pendingSteps == 0) {
                if (!announced) {
                    lock.unlock();
                    try {
                        onPause.run();
                    } finally {
                        lock.lock();
                    }
                    announced = true;
                    continue;
                }
                changed.await(200, TimeUnit.MILLISECONDS);
            }
            if (stopped) {
                return false;
            }
            if (paused && pendingSteps > 0) {
                pendingSteps--;
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void withLock(Runnable r) {
        lock.lock();
        try {
            r.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
