/**
 * Documented, validated hyperparameters shared by losses, models and data sources: a spec per parameter (name,
 * default, range, description) and the resolved values. JDK only, so every layer may use it.
 */
package org.losslab.param;
