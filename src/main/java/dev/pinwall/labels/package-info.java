/**
 * Labels suggested for unlabelled photos by a similarity-weighted vote of their labelled neighbours.
 */
package dev.pinwall.labels;
