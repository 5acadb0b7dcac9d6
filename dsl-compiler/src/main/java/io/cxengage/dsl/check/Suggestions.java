package io.cxengage.dsl.check;

import java.util.Collection;
import java.util.Locale;

/** Finds the known name closest to a misspelt one, for "did you mean ...?" hints. */
final class Suggestions {

  private Suggestions() {}

  /**
   * The hint text ({@code " (did you mean 'allOf'?)"}) or an empty string when nothing is close.
   * Among equally close names the first of {@code known} wins, so callers pass an ordered
   * collection with the canonical spellings first (the hint must read the same on every run).
   */
  static String hint(String wrong, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int d =
          candidate.toLowerCase(Locale.ROOT).equals(wrong.toLowerCase(Locale.ROOT))
              ? 0
              : distance(wrong, candidate);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    int allowed = Math.max(1, Math.min(2, wrong.length() / 3));
    return best != null && bestDistance <= allowed ? " (did you mean '" + best + "'?)" : "";
  }

  /** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
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
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
