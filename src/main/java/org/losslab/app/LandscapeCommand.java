package org.losslab.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.losslab.analysis.LandscapeDirections;
import org.losslab.analysis.LandscapeEvaluator;
import org.losslab.analysis.LandscapeGrid;
import org.losslab.analysis.LandscapeSettings;
import org.losslab.analysis.LossCurve;
import org.losslab.analysis.ParameterVector;
import org.losslab.analysis.Sharpness;
import org.losslab.analysis.SharpnessPoint;
import org.losslab.engine.Precision;
import org.losslab.experiment.ExperimentSpec;
import org.losslab.experiment.Experiments;
import org.losslab.experiment.ResolvedExperiment;
import org.losslab.train.ComparisonRun;
import org.losslab.train.ParameterSnapshot;
import org.losslab.train.Progress;
import org.losslab.train.RunControl;
import org.losslab.train.RunStatus;
import org.losslab.train.TrainingListener;
import org.losslab.train.TrainingRun;
import org.losslab.train.TrainingSetup;
import org.losslab.viz.LandscapeImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code losslab landscape SPEC.json [--grid N] [--radius R] [--directions pca|random] [--out DIR]}: trains the
 * experiment headless, keeping a parameter snapshot every {@code snapshotEvery} steps, then evaluates the final loss
 * landscape on the training data and writes {@code grid.csv}, {@code trajectory.csv}, {@code sharpness.csv},
 * {@code interpolation.csv} and {@code landscape.png}. A comparison trains each arm on its own and writes one
 * folder per arm, so that two losses' landscapes on the same data sit side by side.
 */
@Command(name = "landscape", description = "Train an experiment, then write its loss landscape around the final "
        + "parameters: grid.csv (alpha,beta,loss), trajectory.csv, sharpness.csv, interpolation.csv and landscape.png "
        + "(a comparison: one folder per arm).")
final class LandscapeCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "experiment JSON file")
    Path spec;

    @Option(names = "--grid", description = "grid points per side, 3 to 201 (default ${DEFAULT-VALUE})",
            defaultValue = "41")
    int grid;

    @Option(names = "--radius", description = "the grid covers [-r, r]^2 (default: 1 for random directions; for PCA "
            + "directions, which are unit vectors, 1.1 times the path's extent so that the whole path is on the map)")
    Double radius;

    @Option(names = "--directions", description = "pca (of the trajectory; the default, random when there are "
            + "fewer than 3 snapshots) or random (filter-normalised)", defaultValue = "pca")
    String directions;

    @Option(names = "--probe-rows", description = "training rows the loss is evaluated on (default ${DEFAULT-VALUE})",
            defaultValue = "512")
    int probeRows;

    @Option(names = "--sharpness-points", description = "snapshots at which to estimate the top Hessian eigenvalue, "
            + "spread over training, the last included; 0 for none (default ${DEFAULT-VALUE})", defaultValue = "10")
    int sharpnessPoints;

    @Option(names = "--out", description = "output folder (default: runs/<file name>-landscape)")
    Path out;

    @Option(names = "--steps", description = "override the experiment's steps")
    Long steps;

    @Option(names = "--engine", description = "nd4j or pytorch (default: the experiment's)")
    String engine;

    @Option(names = "--seed", description = "override the experiment's seed")
    Long seed;

    @Option(names = "--quiet", description = "no progress lines")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (grid < LandscapeSettings.MIN_RESOLUTION || grid > LandscapeSettings.MAX_RESOLUTION) {
            throw new IllegalArgumentException("--grid must be between " + LandscapeSettings.MIN_RESOLUTION + " and "
                    + LandscapeSettings.MAX_RESOLUTION + ", got " + grid);
        }
        if (radius != null && (!(radius > 0) || !Double.isFinite(radius))) {
            throw new IllegalArgumentException("--radius must be positive, got " + radius);
        }
        LandscapeDirections.Kind kind = LandscapeDirections.Kind.parse("--directions", directions);
        if (kind == LandscapeDirections.Kind.CHECKPOINTS) {
            throw new IllegalArgumentException("--directions must be pca or random on the command line, got '"
                    + directions + "'");
        }
        if (probeRows < 1) {
            throw new IllegalArgumentException("--probe-rows must be at least 1, got " + probeRows);
        }
        if (sharpnessPoints < 0) {
            throw new IllegalArgumentException("--sharpness-points must be 0 or more, got " + sharpnessPoints);
        }
        ExperimentSpec s = Experiments.read(spec);
        if (steps != null) {
            s = s.withSteps(steps);
        }
        if (engine != null) {
            s = s.withEngine(engine);
        }
        if (seed != null) {
            s = s.withSeed(seed);
        }
        ResolvedExperiment resolved = Experiments.resolve(s);
        if (resolved.teacher() != null) {
            throw new IllegalArgumentException("landscape does not take experiments with a teacher section: the "
                    + "distillation loss needs the teacher's logits on every probe row");
        }
        Path dir = out != null ? out
                : Path.of("runs", spec.getFileName().toString().replaceFirst("\\.json$", "") + "-landscape");
        List<String> labels = new ArrayList<>();
        List<TrainingSetup> setups = new ArrayList<>();
        if (resolved.isComparison()) {
            for (ComparisonRun.Arm arm : resolved.arms()) {
                labels.add(arm.label());
                setups.add(arm.setup());
            }
        } else {
            labels.add(null);
            setups.add(resolved.setup());
        }
        System.err.printf("%s: %s on %s, %d steps%n", resolved.title(), resolved.setup().data().train().name(),
                resolved.setup().engineId(), resolved.setup().steps());
        int code = 0;
        for (int i = 0; i < setups.size(); i++) {
            Path target = labels.get(i) == null ? dir : dir.resolve(String.format(Locale.ROOT, "arm%d-%s", i + 1,
                    slug(labels.get(i))));
            code = Math.max(code, landscape(labels.get(i), setups.get(i), kind, target, s.seed()));
        }
        return code;
    }

    /** One snapshot of the path: θ flat and the training loss at that step. */
    private record Snapshot(long step, double[] theta, double loss) {}

    private int landscape(String label, TrainingSetup setup, LandscapeDirections.Kind kind, Path target, long runSeed)
            throws IOException, InterruptedException {
        String name = label == null ? setup.loss().label() : label;
        Map<String, int[]> shapes = setup.model().parameterShapes();
        List<Snapshot> path = new ArrayList<>();
        String[] problem = {null};
        long every = Math.max(1, setup.steps() / 10);
        try (TrainingRun run = new TrainingRun(setup)) {
            RunControl control = new RunControl();
            RunStatus status = run.run(control, new TrainingListener() {
                @Override
                public void onProgress(Progress p) {
                    if (p.status() == RunStatus.DIVERGED) {
                        problem[0] = p.message();
                        control.stop();
                    } else if (!quiet && p.step() % every == 0 && p.status() != RunStatus.PAUSED) {
                        System.err.printf("  %s step %d/%d  loss %.4f%n", name, p.step(), p.totalSteps(), p.lastLoss());
                    }
                }

                @Override
                public void onParameters(ParameterSnapshot snapshot) {
                    if (problem[0] == null && (path.isEmpty() || path.get(path.size() - 1).step() < snapshot.step())) {
                        path.add(new Snapshot(snapshot.step(), ParameterVector.flatten(shapes, snapshot.parameters()),
                                run.lastLoss()));
                    }
                }
            });
            if (problem[0] != null || status == RunStatus.DIVERGED) {
                System.err.println("error: " + name + ": " + problem[0]);
                return 1;
            }
        }
        Snapshot last = path.get(path.size() - 1);
        try (LandscapeEvaluator evaluator = new LandscapeEvaluator(setup.engineId(), Precision.FLOAT64, setup.model(),
                setup.loss(), setup.data().train(), probeRows, runSeed)) {
            LandscapeDirections dirs = directions(kind, shapes, path, runSeed);
            List<double[]> projected = new ArrayList<>();
            double extent = 0;
            for (Snapshot snap : path) {
                double[] p = dirs.project(last.theta(), snap.theta());
                projected.add(p);
                extent = Math.max(extent, Math.max(Math.abs(p[0]), Math.abs(p[1])));
            }
            boolean fitPath = radius == null && dirs.description().startsWith("PCA") && extent > 0;
            double r = radius != null ? radius : fitPath ? 1.1 * extent : LandscapeSettings.DEFAULT_RADIUS;
            LandscapeGrid landscape = evaluator.grid(last.theta(), dirs, grid, r, last.step());
            // The loss column of the path is on the probe rows too, so it reads on the same scale as the map.
            double[] pathLoss = new double[path.size()];
            for (int k = 0; k < pathLoss.length; k++) {
                pathLoss[k] = evaluator.loss(path.get(k).theta());
            }
            List<SharpnessPoint> sharpness = new ArrayList<>();
            for (int k : spread(path.size(), sharpnessPoints)) {
                Snapshot snap = path.get(k);
                sharpness.add(Sharpness.topEigenvalue(evaluator, snap.theta(), snap.step(), runSeed));
            }
            LossCurve line = evaluator.interpolate(path.get(0).theta(), last.theta(), 41);
            Files.createDirectories(target);
            writeGrid(target.resolve("grid.csv"), landscape);
            writeTrajectory(target.resolve("trajectory.csv"), path, projected, pathLoss);
            writeSharpness(target.resolve("sharpness.csv"), sharpness);
            writeInterpolation(target.resolve("interpolation.csv"), line);
            double[] pa = new double[path.size()];
            double[] pb = new double[path.size()];
            for (int k = 0; k < pa.length; k++) {
                pa[k] = projected.get(k)[0];
                pb[k] = projected.get(k)[1];
            }
            Path png = target.resolve("landscape.png");
            if (!ImageIO.write(LandscapeImage.render(landscape.alphas(), landscape.betas(), landscape.losses(), pa, pb,
                    400, true), "png", png.toFile())) {
                throw new IOException("no PNG writer available for " + png);
            }
            System.out.printf(Locale.ROOT, "%s: %d×%d grid over [-%.3g, %.3g]²%s in %.2f s (%s%s), directions: %s%n",
                    name, grid, grid, r, r, fitPath ? " (fitted to the path)" : "", landscape.seconds(),
                    landscape.evaluation(),
                    evaluator.whyPerPoint().map(w -> ": " + w).orElse(""), landscape.directions());
            System.out.printf(Locale.ROOT, "%s: loss at the centre %.6f on %d training rows; grid min %.6f, max %.6f%n",
                    name, landscape.centreLoss(), evaluator.probeRows(), min(landscape.losses()),
                    max(landscape.losses()));
            if (!sharpness.isEmpty()) {
                SharpnessPoint end = sharpness.get(sharpness.size() - 1);
                System.out.printf(Locale.ROOT, "%s: sharpness (top Hessian eigenvalue) %.4g at step %d%n", name,
                        end.topEigenvalue(), end.step());
            }
            System.out.printf("wrote %s%n", target);
        }
        return 0;
    }

    private LandscapeDirections directions(LandscapeDirections.Kind kind, Map<String, int[]> shapes,
            List<Snapshot> path, long runSeed) {
        double[] centre = path.get(path.size() - 1).theta();
        if (kind == LandscapeDirections.Kind.PCA) {
            if (path.size() >= LandscapeDirections.MIN_PCA_SNAPSHOTS) {
                List<double[]> thetas = new ArrayList<>();
                for (Snapshot s : path) {
                    thetas.add(s.theta());
                }
                return LandscapeDirections.pca(thetas);
            }
            LandscapeDirections random = LandscapeDirections.randomFilterNormalised(shapes, centre, runSeed);
            return new LandscapeDirections(random.d1(), random.d2(), random.description() + "; PCA needs "
                    + LandscapeDirections.MIN_PCA_SNAPSHOTS + " snapshots, the run kept " + path.size());
        }
        return LandscapeDirections.randomFilterNormalised(shapes, centre, runSeed);
    }

    /** Up to {@code count} indices spread evenly over [0, size), always including the last. */
    static List<Integer> spread(int size, int count) {
        List<Integer> out = new ArrayList<>();
        int n = Math.min(size, count);
        for (int k = 1; k <= n; k++) {
            int index = (int) Math.round((double) k * size / n) - 1;
            if (out.isEmpty() || out.get(out.size() - 1) < index) {
                out.add(index);
            }
        }
        return out;
    }

    private static void writeGrid(Path file, LandscapeGrid g) throws IOException {
        try (PrintWriter w = writer(file)) {
            w.println("alpha,beta,loss");
            double[] a = g.alphas();
            double[] b = g.betas();
            for (int j = 0; j < b.length; j++) {
                for (int i = 0; i < a.length; i++) {
                    w.println(a[i] + "," + b[j] + "," + g.loss(i, j));
                }
            }
        }
    }

    /** step, α, β, distance from the plane, loss on the probe rows and the training (mini-batch) loss reported. */
    private static void writeTrajectory(Path file, List<Snapshot> path, List<double[]> projected, double[] loss)
            throws IOException {
        try (PrintWriter w = writer(file)) {
            w.println("step,alpha,beta,distance,loss,train_loss");
            for (int k = 0; k < path.size(); k++) {
                double[] p = projected.get(k);
                w.println(path.get(k).step() + "," + p[0] + "," + p[1] + "," + p[2] + "," + loss[k] + ","
                        + path.get(k).loss());
            }
        }
    }

    private static void writeSharpness(Path file, List<SharpnessPoint> points) throws IOException {
        try (PrintWriter w = writer(file)) {
            w.println("step,lambda_max,iterations,seconds");
            for (SharpnessPoint p : points) {
                w.println(p.step() + "," + p.topEigenvalue() + "," + p.iterations() + "," + p.seconds());
            }
        }
    }

    private static void writeInterpolation(Path file, LossCurve line) throws IOException {
        try (PrintWriter w = writer(file)) {
            w.println("t,loss");
            double[] t = line.t();
            double[] losses = line.losses();
            for (int k = 0; k < t.length; k++) {
                w.println(t[k] + "," + losses[k]);
            }
        }
    }

    private static PrintWriter writer(Path file) throws IOException {
        return new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    private static String slug(String label) {
        String s = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return s.isEmpty() ? "arm" : s;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            if (Double.isFinite(x)) {
                m = Math.min(m, x);
            }
        }
        return m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            if (Double.isFinite(x)) {
                m = Math.max(m, x);
            }
        }
        return m;
    }
}
