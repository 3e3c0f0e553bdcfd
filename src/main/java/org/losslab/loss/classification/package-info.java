/**
 * Classification losses on logits z [N,C] and labels y [N] (LOSSES.md §1), one file per loss.
 */
package org.losslab.loss.classification;
