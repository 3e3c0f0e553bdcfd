package org.losslab.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a user's table of examples from CSV: numeric feature columns plus one label column.
 *
 * <ul>
 *   <li>Header: optional, detected (a first row with a non-numeric feature field is a header) or stated in
 *       {@link Options#header()}.
 *   <li>Label column: by header name, by 0-based index, or (default) the last column.
 *   <li>Labels: whole numbers 0, 1, 2, … are used as class indices; anything else (e.g. {@code setosa}, or
 *       {@code -1/1}) is a class name, and names get indices in order of first appearance. {@link LabelKind} forces
 *       either reading.
 *   <li>Fields may be quoted ({@code "a,b"}, {@code ""} for a quote); blank lines are skipped; a UTF-8 byte-order mark
 *       is ignored.
 * </ul>
 *
 * <p>Errors name the file and the line (1-based, as an editor shows it) and, for a bad value, the column:
 * {@code iris.csv: line 12 has 5 fields, expected 4}, {@code iris.csv: line 3, column 2 ('sepal_width'): 'abc' is not
 * a number}.
 */
public final class CsvDatasetReader {
    /** More classes than this is almost certainly a regression target or an id column, not a class label. */
    public static final int MAX_CLASSES = 1000;

    /** How to read the label column. */
    public enum LabelKind {
        /**
         * Class indices if every label is a whole number in [0, {@value CsvDatasetReader#MAX_CLASSES}), else class
         * names.
         */
        AUTO,
        /** Every label must be a class index 0, 1, 2, … (written {@code 3} or {@code 3.0}). */
        INTEGER,
        /** Every label is a class name, even if it looks like a number. */
        NAMES
    }

    /**
     * How to read a file.
     *
     * @param labelColumn header name, 0-based index, or {@code null} / {@code "last"} for the last column
     * @param header whether the first row is a header; {@code null} to detect it
     * @param labels how to read labels
     * @param delimiter field separator, usually {@code ,}
     */
    public record Options(String labelColumn, Boolean header, LabelKind labels, char delimiter) {

        public Options {
            Objects.requireNonNull(labels, "labels");
        }

        /** Last column is the label, header detected, labels read as indices or names as they look, commas. */
        public static Options defaults() {
            return new Options(null, null, LabelKind.AUTO, ',');
        }

        public Options withLabelColumn(String column) {
            return new Options(column, header, labels, delimiter);
        }

        public Options withHeader(Boolean hasHeader) {
            return new Options(labelColumn, hasHeader, labels, delimiter);
        }

        public Options withLabels(LabelKind kind) {
            return new Options(labelColumn, header, kind, delimiter);
        }

        public Options withDelimiter(char d) {
            return new Options(labelColumn, header, labels, d);
        }
    }

    private CsvDatasetReader() {
    }

    /**
     * Reads a CSV file (UTF-8).
     *
     * @throws DataException naming the file, the line and the problem
     */
    public static Dataset read(Path file, Options options) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String dataName = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        try (Reader r = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)) {
            return read(r, file.toString(), dataName, "CSV file " + file, options);
        } catch (NoSuchFileException e) {
            throw new DataException("file not found: " + file, e);
        } catch (IOException e) {
            throw new DataException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads CSV text from a reader (the caller closes it).
     *
     * @param sourceName the file or resource, as messages should name it
     * @param dataName the data set's name
     * @param source the data set's source / attribution text
     */
    public static Dataset read(Reader reader, String sourceName, String dataName, String source, Options options) {
        List<Row> rows = new ArrayList<>();
        try {
            BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                rows.add(new Row(lineNo, split(line, options.delimiter(), sourceName, lineNo)));
            }
        } catch (IOException e) {
            throw new DataException("cannot read " + sourceName + ": " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new DataException(sourceName + " is empty");
        }
        return parse(rows, sourceName, dataName, source, options);
    }

    private record Row(int line, String[] fields) {
    }

    private static Dataset parse(List<Row> rows, String file, String dataName, String source, Options o) {
        Row first = rows.get(0);
        int width = first.fields.length;
        if (width < 2) {
            throw new DataException(file + ": line " + first.line + " has " + width
                    + " field; a data set needs at least two columns, features and a label"
                    + (o.delimiter() == ',' ? " (is the separator not a comma?)" : ""));
        }
        String wanted = o.labelColumn() == null ? "last" : o.labelColumn().trim();
        boolean byName = !wanted.equals("last") && parseIndex(wanted) < 0;

        boolean header;
        if (o.header() != null) {
            header = o.header();
            if (byName && !header) {
                throw new DataException(file + ": label column '" + wanted
                        + "' is given by name, but the file is read without a header; give its 0-based index");
            }
        } else {
            header = byName || looksLikeHeader(rows, width, guessIndex(wanted, width));
        }

        int labelIdx = resolveLabelColumn(wanted, header ? first.fields : null, width, file);
        String[] columnNames = header ? first.fields : null;
        int start = header ? 1 : 0;
        int n = rows.size() - start;
        if (n == 0) {
            throw new DataException(file + " has a header (line " + first.line + ") but no data rows");
        }

        int d = width - 1;
        double[] features = new double[n * d];
        String[] rawLabels = new String[n];
        int[] lines = new int[n];
        for (int r = 0; r < n; r++) {
            Row row = rows.get(start + r);
            if (row.fields.length != width) {
                throw new DataException(file + ": line " + row.line + " has " + row.fields.length + " fields, expected "
                        + width);
            }
            int k = 0;
            for (int c = 0; c < width; c++) {
                String field = row.fields[c].trim();
                if (c == labelIdx) {
                    if (field.isEmpty()) {
                        throw new DataException(file + ": line " + row.line + ", " + column(c, columnNames)
                                + ": the label is empty");
                    }
                    rawLabels[r] = field;
                    continue;
                }
                features[r * d + k++] = number(field, file, row.line, c, columnNames);
            }
            lines[r] = row.line;
        }

        String labelColumnName = column(labelIdx, columnNames);
        boolean integer = switch (o.labels()) {
            case INTEGER -> true;
            case NAMES -> false;
            case AUTO -> allClassIndices(rawLabels);
        };
        int[] labels = new int[n];
        List<String> classNames = new ArrayList<>();
        if (integer) {
            int max = 0;
            for (int r = 0; r < n; r++) {
                int y = classIndex(rawLabels[r]);
                if (y < 0) {
                    throw new DataException(file + ": line " + lines[r] + ", " + labelColumnName + ": label '"
                            + rawLabels[r] + "' is not a class number 0, 1, 2, … below " + MAX_CLASSES
                            + ", but numeric labels were asked for");
                }
                labels[r] = y;
                max = Math.max(max, y);
            }
            for (int c = 0; c <= max; c++) {
                classNames.add(Integer.toString(c));
            }
        } else {
            Map<String, Integer> index = new LinkedHashMap<>();
            for (int r = 0; r < n; r++) {
                Integer y = index.get(rawLabels[r]);
                if (y == null) {
                    if (index.size() == MAX_CLASSES) {
                        throw new DataException(file + ": line " + lines[r] + ", " + labelColumnName
                                + ": more than " + MAX_CLASSES + " different labels; is this the label column?");
                    }
                    y = index.size();
                    index.put(rawLabels[r], y);
                }
                labels[r] = y;
            }
            classNames.addAll(index.keySet());
        }
        return Dataset.adopt(dataName, new int[] {d}, features, labels, classNames.size(), classNames, source);
    }

    /** A first row is a header if a feature field is not a number, or if its label is text while the next row's is not. */
    private static boolean looksLikeHeader(List<Row> rows, int width, int labelIdx) {
        String[] f = rows.get(0).fields;
        for (int c = 0; c < f.length; c++) {
            if (c != labelIdx && !isNumber(f[c].trim())) {
                return true;
            }
        }
        return rows.size() > 1 && labelIdx < f.length && rows.get(1).fields.length > labelIdx
                && !isNumber(f[labelIdx].trim()) && isNumber(rows.get(1).fields[labelIdx].trim());
    }

    private static int guessIndex(String wanted, int width) {
        int i = parseIndex(wanted);
        return i >= 0 ? i : width - 1;
    }

    private static int resolveLabelColumn(String wanted, String[] header, int width, String file) {
        if (header != null) {
            for (int c = 0; c < header.length; c++) {
                if (header[c].trim().equals(wanted)) {
                    return c;
                }
            }
        }
        if (wanted.equals("last")) {
            return width - 1;
        }
        int i = parseIndex(wanted);
        if (i < 0) {
            List<String> names = header == null ? List.of() : List.of(header).stream().map(String::trim).toList();
            throw new DataException(file + ": no column named '" + wanted + "'; the columns are " + names);
        }
        if (i >= width) {
            throw new DataException(file + ": label column index " + i + " is out of range: the file has " + width
                    + " columns (indices 0 to " + (width - 1) + ")");
        }
        return i;
    }

    /** A non-negative decimal integer, or -1. */
    private static int parseIndex(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(s);
    }

    private static double number(String field, String file, int line, int col, String[] names) {
        double v;
        try {
            v = Double.parseDouble(field);
        } catch (NumberFormatException e) {
            throw new DataException(file + ": line " + line + ", " + column(col, names) + ": "
                    + (field.isEmpty() ? "the value is missing" : "'" + field + "' is not a number"));
        }
        if (!Double.isFinite(v)) {
            throw new DataException(file + ": line " + line + ", " + column(col, names) + ": '" + field
                    + "' is not a finite number");
        }
        return v;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean allClassIndices(String[] labels) {
        for (String s : labels) {
            if (classIndex(s) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The class index a label denotes ({@code 3} or {@code 3.0}), or -1 if it is not a whole number in range. */
    private static int classIndex(String s) {
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return -1;
        }
        return v >= 0 && v < MAX_CLASSES && v == Math.rint(v) ? (int) v : -1;
    }

    /** "column 3 ('width')" with a header, "column 3" without; 1-based like the line number. */
    private static String column(int c, String[] names) {
        String s = "column " + (c + 1);
        return names == null ? s : s + " ('" + names[c].trim() + "')";
    }

    /** Splits one line; double quotes protect separators, and {@code ""} inside quotes is a quote. */
    static String[] split(String line, char delimiter, String file, int lineNo) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"' && field.toString().isBlank()) {
                quoted = true;
                field.setLength(0);
            } else if (ch == delimiter) {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            throw new DataException(file + ": line " + lineNo + " has an unclosed quote (fields spanning lines are "
                    + "not supported)");
        }
        out.add(field.toString());
        return out.toArray(String[]::new);
    }
}
