/**
 * The JavaFX workbench: the main window, its experiment panel, toolbar, tiles of live views and status bar; the view
 * models behind them, testable without a stage; and the plumbing of the threading contract: a
 * {@link org.losslab.ui.TrainingService} runs the training loop on one background thread and writes into a
 * {@link org.losslab.ui.TrainingFeed} (queues and latest-value holders), and one
 * {@link org.losslab.ui.FrameCoalescer} drains it once per frame so that each view redraws at most once per frame.
 */
package org.losslab.ui;
