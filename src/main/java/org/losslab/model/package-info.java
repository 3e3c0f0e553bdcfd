/**
 * Models written once against the engine seam: {@link org.losslab.model.Model} (parameter shapes, seeded
 * initialisation, forward pass), pickable {@link org.losslab.model.ModelType}s (MLP, small CNN) and their catalogue.
 */
package org.losslab.model;
