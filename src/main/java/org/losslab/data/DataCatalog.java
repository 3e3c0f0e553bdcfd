package org.losslab.data;

import java.util.List;
import java.util.Optional;

/**
 * Every {@link DataSource} the workbench offers, listed explicitly, in menu order.
 *
 * <p>An explicit list rather than a {@code ServiceLoader}: the sources are all in this package, the order is the order
 * students see, and a forgotten registration is caught by a completeness test that compares this list with every
 * {@code DataSource} class on the classpath.
 */
public final class DataCatalog {
    private static final List<DataSource> SOURCES = List.of(
            new SpiralsSource(),
            new MoonsSource(),
            new BlobsSource(),
            new CirclesSource(),
            new XorSource(),
            new Function1dSource(),
            new Function2dSource(),
            new Mnist10kSource(),
            new DigitsSource(),
            new CsvSource());

    private DataCatalog() {
    }

    /** All sources, in menu order. */
    public static List<DataSource> all() {
        return SOURCES;
    }

    public static List<String> ids() {
        return SOURCES.stream().map(DataSource::id).toList();
    }

    public static Optional<DataSource> find(String id) {
        return SOURCES.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /**
     * The source with this id.
     *
     * @throws DataException naming the unknown id and listing the known ones
     */
    public static DataSource get(String id) {
        return find(id).orElseThrow(() -> new DataException("unknown dataset '" + id + "'; known datasets: " + ids()));
    }
}
