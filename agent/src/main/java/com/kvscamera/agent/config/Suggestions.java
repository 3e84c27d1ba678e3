package com.kvscamera.agent.config;

import java.util.List;
import java.util.Locale;

/** "Did you mean" for misspelled keys: the closest known path by edit distance, if close enough. */
final class Suggestions {
    private Suggestions() {
    }

    /**
     * The best candidate for {@code unknown} (a full dotted path): first among siblings under the same parent,
     * then any path whose last segment is close to the unknown one (a key written in the wrong section).
     */
    static String closest(String unknown, List<String> known) {
        String parent = parent(unknown);
        String leaf = leaf(unknown);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            if (!parent(candidate).equals(parent)) {
                continue;
            }
            int d = distance(leaf.toLowerCase(Locale.ROOT), leaf(candidate).toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        if (best != null && bestDistance <= threshold(leaf)) {
            return best;
        }
        best = null;
        bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(leaf.toLowerCase(Locale.ROOT), leaf(candidate).toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= threshold(leaf) / 2 ? best : null;
    }

    private static int threshold(String leaf) {
        return Math.max(2, leaf.length() / 3);
    }

    private static String parent(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** Optimal string alignment distance (Levenshtein plus adjacent transpositions, so "regoin" is 1 from "region"). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
