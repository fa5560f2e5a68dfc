package dev.pinwall.learn;

/**
 * How far learning a projection has got, for a progress bar.
 *
 * @param stage what is being done, e.g. {@code "discriminant"} or {@code "contrastive"}
 * @param done  steps done in this stage
 * @param total steps in this stage
 * @param loss  the training loss of the last step, or {@code NaN} where the stage has none
 */
public record TrainingProgress(String stage, int done, int total, double loss) {

    /** Fraction of this stage done, 0 to 1. */
    public double fraction() {
        return total == 0 ? 1 : (double) done / total;
    }
}
