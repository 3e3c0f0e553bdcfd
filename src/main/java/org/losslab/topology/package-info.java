/**
 * Topology of 2-D maps, in plain Java: cubical persistent homology (dimensions 0 and 1) of the superlevel
 * filtration of a foreground-probability map, Betti numbers of binary masks, Betti matching (Stucki et al., ICML
 * 2023) and Zhang–Suen skeletons.
 *
 * <p>Conventions (LOSSES.md §Conventions, "Persistence"): pixels are the top-dimensional cells of a cubical complex
 * (the T-construction) and the filtration is the superlevel filtration of the map, so the foreground is 8-connected
 * and its holes are 4-connected. The V-construction (pixels as vertices: 4-connected foreground, 8-connected holes)
 * is available as {@link org.losslab.topology.Construction#V}. Ties between equal values are broken by pixel index
 * (row-major, the smaller index enters the superlevel filtration first); this only decides which pixel an interval
 * names, never the values of the barcode. Intervals of zero length are not reported.
 *
 * <p>Pixels are addressed by their row-major index {@code row * width + col}. Nothing here depends on an engine:
 * the pairings are computed on the host and handed to a loss as constants (LOSSES.md, "Graph boundary").
 */
package org.losslab.topology;
