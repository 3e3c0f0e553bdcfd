package org.losslab.app;

import javafx.application.Application;

/**
 * Plain entry point for a class-path launch: a main class that extends {@code Application} cannot start without
 * the JavaFX modules on the module path, one that merely calls {@link Application#launch} can.
 */
public final class LossLabLauncher {
    private LossLabLauncher() {}

    public static void main(String[] args) {
        Runtime.quiet();
        Application.launch(LossLabApp.class, args);
        // Native engine threads may outlive the window; the user closed it, so end the process.
        System.exit(0);
    }
}
