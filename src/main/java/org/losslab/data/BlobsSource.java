package org.losslab.data;

import java.util.List;
import org.losslab.param.ParamSpec;
import org.losslab.param.ParamValues;
import org.losslab.param.Range;

/**
 * Gaussian blobs, one per class, their centres evenly spaced on a circle of radius 0.6 around the origin (class 0 at
 * the top). Here {@code noise} is the blobs' standard deviation: with the default 0.2 and 3 classes the blobs barely
 * touch; points lie in about [-1.2, 1.2]².
 */
public final class BlobsSource extends SyntheticSource {
    static final double CENTRE_RADIUS = 0.6;

    public BlobsSource() {
        super(0.2);
    }

    @Override
    public String id() {
        return "blobs";
    }

    @Override
    public String displayName() {
        return "Blobs";
    }

    @Override
    public String description() {
        return "Round clouds of points, one per class: the easy case, where even a linear model does well and losses "
                + "differ mainly in how confident they make it.";
    }

    @Override
    List<ParamSpec> extraParams() {
        return List.of(ParamSpec.integer("classes", 3, Range.closed(2, 10), "number of blobs, one class each"));
    }

    @Override
    int numClasses(ParamValues p) {
        return p.integer("classes");
    }

    @Override
    void place(ParamValues p, int[] labels, double[] xy, Rng rng) {
        int k = p.integer("classes");
        for (int i = 0; i < labels.length; i++) {
            double angle = Math.PI / 2 + 2 * Math.PI * labels[i] / k;
            // the spread comes from the jitter added afterwards: clean points are the centres themselves
            xy[2 * i] = CENTRE_RADIUS * Math.cos(angle);
            xy[2 * i + 1] = CENTRE_RADIUS * Math.sin(angle);
        }
    }
}
