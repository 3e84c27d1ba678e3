package com.kvscamera.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles of a sample (no interpolation: every reported value was actually measured). */
final class Percentiles {
    private Percentiles() {}

    /** @param p in (0, 100]; NaN for an empty sample */
    static double of(List<? extends Number> sample, double p) {
        if (p <= 0 || p > 100) throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        if (sample.isEmpty()) return Double.NaN;
        List<Double> sorted = new ArrayList<>(sample.size());
        for (Number n : sample) sorted.add(n.doubleValue());
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
