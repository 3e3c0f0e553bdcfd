/**
 * What the views draw, as plain records and arithmetic: decision maps, curves, point sets, the Poincaré disk
 * with its hyperplanes, class colours and smoothing. Nothing here knows JavaFX, an engine or a data set, so every
 * picture's numbers can be tested on their own; the UI only turns them into pixels.
 */
package org.losslab.viz;
