package org.losslab.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command-line interface: the same experiments and losses as the app, headless.
 * Exit codes: 0 success, 1 the work failed (e.g. training diverged), 2 bad input (named in the message).
 */
@Command(
        name = "losslab",
        mixinStandardHelpOptions = true,
        version = "LossLab 0.1.0",
        description = "A workbench for loss functions: list the catalogue, evaluate a loss, train an experiment, benchmark.",
        subcommands = {ListCommand.class, RunCommand.class, LossCommand.class, BenchCommand.class,
                LandscapeCommand.class, BarcodeCommand.class, BettiMatchCommand.class})
public final class Cli implements Runnable {

    public static void main(String[] args) {
        Runtime.quiet();
        int code = commandLine().execute(args);
        System.exit(code);
    }

    /** The configured picocli command line (tests call {@code execute} on it). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Cli());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return ex instanceof IllegalArgumentException || ex instanceof org.losslab.experiment.ExperimentException ? 2 : 1;
        });
        return cl;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
