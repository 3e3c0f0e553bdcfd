package org.losslab.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import org.losslab.engine.HostArray;

/** Nested JSON arrays ↔ {@link HostArray}, for the {@code loss} command's input and output. */
final class JsonArrays {
    private JsonArrays() {}

    /** Reads a number or a rectangular nested array of numbers; {@code name} is used in messages. */
    static HostArray read(String name, JsonNode node) {
        List<Integer> shape = new ArrayList<>();
        JsonNode probe = node;
        while (probe.isArray()) {
            shape.add(probe.size());
            if (probe.size() == 0) {
                break;
            }
            probe = probe.get(0);
        }
        int[] dims = shape.stream().mapToInt(Integer::intValue).toArray();
        List<Double> values = new ArrayList<>();
        collect(name, node, dims, 0, "", values);
        double[] data = values.stream().mapToDouble(Double::doubleValue).toArray();
        return HostArray.wrap(data, dims);
    }

    private static void collect(String name, JsonNode node, int[] dims, int depth, String at, List<Double> out) {
        if (depth == dims.length) {
            if (!node.isNumber()) {
                throw new IllegalArgumentException("input '" + name + "'" + at + " must be a number, got " + node);
            }
            out.add(node.asDouble());
            return;
        }
        if (!node.isArray() || node.size() != dims[depth]) {
            throw new IllegalArgumentException("input '" + name + "'" + at + " is ragged: expected an array of "
                    + dims[depth] + " elements, got " + (node.isArray() ? node.size() + " elements" : node.toString()));
        }
        for (int i = 0; i < node.size(); i++) {
            collect(name, node.get(i), dims, depth + 1, at + "[" + i + "]", out);
        }
    }

    /** A nested array (or a number for rank 0). */
    static JsonNode write(HostArray a) {
        if (a.rank() == 0) {
            return JsonNodeFactory.instance.numberNode(a.item());
        }
        return write(a.data(), a.shape(), 0, 0);
    }

    private static ArrayNode write(double[] data, int[] shape, int depth, int offset) {
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        int stride = 1;
        for (int i = depth + 1; i < shape.length; i++) {
            stride *= shape[i];
        }
        for (int i = 0; i < shape[depth]; i++) {
            if (depth == shape.length - 1) {
                arr.add(data[offset + i]);
            } else {
                arr.add(write(data, shape, depth + 1, offset + i * stride));
            }
        }
        return arr;
    }
}
