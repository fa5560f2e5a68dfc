package dev.pinwall.learn;

/**
 * A fixed split of a collection into two halves by file name, so that a projection can be learned on one half and
 * measured on the other without ever seeing the other half's labels. Each name falls in half 0 or 1 by a hash of
 * the seed and the name alone, so {@code learn} and {@code eval} agree on the halves whatever else they read
 * (e.g. other label columns). Halves come out equal to within a few percent.
 *
 * @param seed which split
 * @param fold which half this one keeps: 0 or 1
 */
public record Split(long seed, int fold) {

    public Split {
        if (fold != 0 && fold != 1) {
            throw new IllegalArgumentException("fold must be 0 or 1, not " + fold);
        }
    }

    /** Whether the file (by its name, e.g. {@code 1563.jpg}) belongs to this half. */
    public boolean contains(String fileName) {
        long h = seed * 0x9E3779B97F4A7C15L + fileName.hashCode();
        // MurmurHash3's 64-bit finaliser: every input bit reaches the low bit.
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93e53ba5d8fL;
        h ^= h >>> 33;
        return (h & 1) == fold;
    }

    /** The other half. */
    public Split other() {
        return new Split(seed, 1 - fold);
    }
}
