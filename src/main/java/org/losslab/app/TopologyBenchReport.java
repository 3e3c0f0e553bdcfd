package org.losslab.app;

import org.losslab.topology.TopologyBenchmark;

/** Prints {@code losslab bench topology}: median, p10 and p90 milliseconds of the topology workloads. */
final class TopologyBenchReport {
    private TopologyBenchReport() {}

    static int print(int repeats) {
        System.out.printf("%-24s %10s %10s %10s %10s %8s  %s%n", "workload", "median ms", "p10 ms", "p90 ms",
                "cpu ms", "repeats", "size");
        for (TopologyBenchmark.Result r : TopologyBenchmark.run(repeats)) {
            System.out.printf("%-24s %10.3f %10.3f %10.3f %10.3f %8d  %s%n", r.workload(), r.medianMs(), r.p10Ms(),
                    r.p90Ms(), r.cpuMedianMs(), r.repeats(), r.detail());
        }
        System.out.println("Seeded random maps (Gaussian bumps + 2% noise); one thread, after warm-up; cpu ms is the"
                + " median CPU time of that thread, which a busy machine does not inflate as much as the wall time.");
        return 0;
    }
}
