package org.losslab.train;

import java.util.Map;
import org.losslab.data.Dataset;
import org.losslab.engine.HostArray;

/**
 * Inputs added to every batch besides {@code x} and {@code labels}, computed on the host by the training thread:
 * e.g. a frozen teacher's {@code teacherLogits} [N,C] for distillation. The loss reads them by name.
 */
@FunctionalInterface
public interface ExtraInputs extends AutoCloseable {

    /** No extra inputs. */
    ExtraInputs NONE = (data, rows, training) -> Map.of();

    /**
     * @param data the set the rows come from (train, validation or test)
     * @param rows indices into {@code data}, in batch order
     * @param training true for a training batch
     * @return tensors whose first dimension is {@code rows.length}
     */
    Map<String, HostArray> forBatch(Dataset data, int[] rows, boolean training);

    /** Releases what the provider holds (e.g. a teacher's arrays); its creator calls it, not the runs sharing it. */
    @Override
    default void close() {}
}
