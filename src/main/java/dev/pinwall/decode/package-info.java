/**
 * Turning image files into RGB pixels: robust decoding (EXIF orientation, subsampled reads of huge files,
 * user-facing failure reasons) and PIL-compatible resampling.
 */
package dev.pinwall.decode;
