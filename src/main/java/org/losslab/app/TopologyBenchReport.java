package org.losslab.app;

import org.losslab.topology.TopologyBenchmark;

/** Prints {@code losslab bench topology}: median, p10 and p90 milliseconds of the topology workloads. */
final class TopologyBenchReport {
    private TopologyBenchReport() {}

    static int print(int repeats) {
        System.out.printf("%-24s %10s %10s %10s %8s  %s%n", "workload", "median ms", "p10 ms", "p90 ms", "repeats",
                "size");
        for (TopologyBenchmark.Result r : TopologyBenchmark.run(repeats)) {
            System.out.printf("%-24s %10.3f %10.3f %10.3f %8d  %s%n", r.workload(), r.medianMs(), r.p10Ms(),
                    r.p90Ms(), r.repeats(), r.detail());
        }
        System.out.println("Seeded smooth random maps (Gaussian bumps + noise); one thread; after warm-up.");
        return 0;
    }
}
