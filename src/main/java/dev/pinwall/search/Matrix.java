package dev.pinwall.search;

/**
 * A read-only view of the first {@code rows} rows of a row-major matrix held in fixed-size chunks: row {@code r} is
 * in chunk {@code r / rowsPerChunk} at offset {@code (r % rowsPerChunk) * dimension}, and a row never straddles two
 * chunks. Chunks keep every array far below Java's 2^31-element limit, so millions of rows of any length fit, and
 * growing the matrix copies at most one chunk. The kernels take a chunk and an offset, so a score is the same
 * arithmetic, to the bit, however the rows are cut.
 */
record Matrix(float[][] chunks, int rowsPerChunk, int dimension, int rows) {

    /** The chunk holding {@code row}. */
    float[] chunk(int row) {
        return chunks[row / rowsPerChunk];
    }

    /** Where {@code row} starts in its chunk. */
    int offset(int row) {
        return (row % rowsPerChunk) * dimension;
    }

    float dot(int a, int b) {
        return Dot.dot(chunk(a), offset(a), chunk(b), offset(b), dimension);
    }

    float dot(float[] q, int row) {
        return Dot.dot(q, 0, chunk(row), offset(row), dimension);
    }
}
