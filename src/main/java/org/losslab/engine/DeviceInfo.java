package org.losslab.engine;

/**
 * Where an engine computes.
 *
 * @param engine engine id ({@code nd4j} or {@code pytorch})
 * @param device short device name, e.g. {@code cpu} or {@code gpu(0)}
 * @param gpu true when arrays live on a GPU
 * @param description one sentence a user can read, e.g. why a GPU present on the machine is not used
 */
public record DeviceInfo(String engine, String device, boolean gpu, String description) {}
