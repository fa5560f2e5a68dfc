package dev.pinwall.similarity;

import dev.pinwall.eval.RetrievalEvaluator;
import dev.pinwall.eval.RetrievalScores;
import dev.pinwall.search.Hit;
import dev.pinwall.search.VectorIndex;
import dev.pinwall.search.Vectors;

import java.util.List;

/** Measures variants of the pipeline on vectors loaded as in {@link SimilarityBench}; for choosing defaults. */
final class SimilarityVariants {
    static void run(VectorIndex plain, List<String> labels, FeatureLayout layout) {
        CollectionSpace space = new CollectionSpace(plain, layout);
        space.fit();
        VectorIndex centred = space.centredIndex();
        report("centred only", RetrievalEvaluator.evaluate(centred, labels, 10));
        report("centred + aQE3", RetrievalEvaluator.evaluate(labels, 10, (row, depth) -> {
            float[] q = expand(centred.vector(row), centred, row, 3);
            return centred.nearest(q, depth, r -> r != row, -2f);
        }));
        report("DBA", RetrievalEvaluator.evaluate(labels, 10,
                (row, depth) -> space.nearest(row, depth, r -> true, -2f)));
        report("DBA + aQE3", RetrievalEvaluator.evaluate(labels, 10, (row, depth) -> {
            float[] q = expand(space.vector(row), space.augmentedForTests(), row, 3);
            return space.nearestTo(q, depth, r -> r != row, -2f);
        }));
        if (System.getProperty("short") != null) {
            ReciprocalReranker rr = ReciprocalReranker.DEFAULT;
            report("centred + rerank", RetrievalEvaluator.evaluate(labels, 10, (row, depth) -> {
                List<Hit> c = centred.nearest(row, rr.candidates(), r -> true, -2f);
                return rr.rerank(centred.vector(row), c, c.stream().map(h -> centred.vector(h.row())).toList(), depth);
            }));
            report("DBA + rerank", RetrievalEvaluator.evaluate(labels, 10, (row, depth) -> {
                List<Hit> c = space.nearest(row, rr.candidates(), r -> true, -2f);
                return rr.rerank(space.vector(row), c, c.stream().map(h -> space.vector(h.row())).toList(), depth);
            }));
            return;
        }
        report("centred query vs DBA", RetrievalEvaluator.evaluate(labels, 10,
                (row, depth) -> space.nearestTo(centred.vector(row), depth, r -> r != row, -2f)));
        ReciprocalReranker rr = ReciprocalReranker.DEFAULT;
        report("centred + rerank", RetrievalEvaluator.evaluate(labels, 10, (row, depth) -> {
            List<Hit> c = centred.nearest(row, rr.candidates(), r -> true, -2f);
            return rr.rerank(centred.vector(row), c, c.stream().map(h -> centred.vector(h.row())).toList(), depth);
        }));
        ReciprocalReranker paper = new ReciprocalReranker(20, 6, 0.3);
        report("DBA + rerank(20,6,.3)", RetrievalEvaluator.evaluate(labels, 10, (row, depth) -> {
            List<Hit> c = space.nearest(row, 100, r -> true, -2f);
            return paper.rerank(space.vector(row), c, c.stream().map(h -> space.vector(h.row())).toList(), depth);
        }));
    }

    static float[] expand(float[] q, VectorIndex index, int self, int n) {
        float[] out = q.clone();
        for (Hit h : index.nearest(q, n, r -> r != self, -2f)) {
            float w = Math.max(0, h.score());
            float[] v = index.vector(h.row());
            for (int i = 0; i < out.length; i++) {
                out[i] += w * w * w * v[i];
            }
        }
        return Vectors.normalised(out);
    }

    private static void report(String name, RetrievalScores scores) {
        System.out.printf("%-26s P@5 %.4f %s%n", name, scores.precisionAt5(), scores.summaryLine());
    }
}
