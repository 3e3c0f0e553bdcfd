/**
 * Entry points: the JavaFX application and its launcher, and the picocli command line ({@code losslab list|run|loss|bench}).
 */
package org.losslab.app;
