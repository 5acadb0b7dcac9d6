package io.cxengage.admin.http;

/**
 * Repairs one slip found in the original API document's examples: object members separated by a
 * line break but no comma ({@code "username":"x"\n "secret-token":"y"}). Nothing else is changed,
 * so any other malformed JSON still fails to parse.
 */
final class JsonRepair {

  private JsonRepair() {}

  /** The text with the missing commas added, or null when there was nothing to repair. */
  static String missingCommas(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    // per nesting level: true for an object; and whether a complete value was just seen
    boolean[] inObject = new boolean[256];
    int depth = 0;
    boolean valueEnded = false;
    boolean newlineSinceValue = false;
    boolean changed = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"') {
        if (valueEnded && newlineSinceValue && depth > 0 && inObject[depth]) {
          out.append(',');
          changed = true;
        }
        int end = endOfString(text, i);
        if (end < 0) {
          return null;
        }
        out.append(text, i, end + 1);
        i = end + 1;
        // a key is followed by ':'; a value string ends a member
        int next = skipSpace(text, i);
        valueEnded = next >= text.length() || text.charAt(next) != ':';
        newlineSinceValue = false;
        continue;
      }
      switch (c) {
        case '{', '[' -> {
          if (depth + 1 >= inObject.length) {
            return null;
          }
          inObject[++depth] = c == '{';
          valueEnded = false;
        }
        case '}', ']' -> {
          depth = Math.max(0, depth - 1);
          valueEnded = true;
          newlineSinceValue = false;
        }
        case ',', ':' -> valueEnded = false;
        case '\n', '\r' -> newlineSinceValue = true;
        default -> {
          if (Character.isLetterOrDigit(c) || c == '-') {
            int end = i;
            while (end < text.length()
                && (Character.isLetterOrDigit(text.charAt(end))
                    || "+-.".indexOf(text.charAt(end)) >= 0)) {
              end++;
            }
            out.append(text, i, end);
            i = end;
            valueEnded = true;
            newlineSinceValue = false;
            continue;
          }
        }
      }
      out.append(c);
      i++;
    }
    return changed ? out.toString() : null;
  }

  private static int endOfString(String text, int start) {
    for (int i = start + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    return -1;
  }

  private static int skipSpace(String text, int i) {
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }
}
