package org.losslab.data;

import java.io.InputStream;

/** The real data sets shipped inside the application, read from the classpath under {@code data/}. */
final class Bundled {
    private Bundled() {
    }

    /** How messages name a bundled file, e.g. {@code classpath:data/digits/digits-8x8.csv}. */
    static String name(String path) {
        return "classpath:data/" + path;
    }

    /**
     * Opens {@code data/<path>} on the classpath.
     *
     * @throws DataException if the resource is missing (a broken build or a repackaged jar)
     */
    static InputStream open(String path) {
        InputStream in = Bundled.class.getResourceAsStream("/data/" + path);
        if (in == null) {
            throw new DataException("bundled data file " + name(path) + " is missing from the application");
        }
        return in;
    }
}
