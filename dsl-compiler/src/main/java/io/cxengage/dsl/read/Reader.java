package io.cxengage.dsl.read;

import io.cxengage.dsl.DslError;
import io.cxengage.dsl.read.SExpr.SList;
import io.cxengage.dsl.read.SExpr.SMap;
import io.cxengage.dsl.read.SExpr.SVector;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads the s-expressions of dsl.md section 1 into {@link SExpr} trees, recording the position of
 * every token. It never throws on bad input: it reports each problem and carries on, so one run
 * lists every error it can. Nesting is handled with an explicit stack, so depth is bounded by
 * {@link #MAX_DEPTH}, not by the Java stack.
 */
public final class Reader {

  public static final int MAX_SOURCE_BYTES = 64 * 1024;
  public static final int MAX_DEPTH = 64;

  private final String field;
  private final String src;
  private final List<DslError> errors = new ArrayList<>();
  private int pos;
  private int line = 1;
  private int column = 1;

  private Reader(String field, String src) {
    this.field = field;
    this.src = src;
  }

  /**
   * Reads every form of {@code source}.
   *
   * @param field the name reported in errors ({@code when} or {@code then})
   */
  public static ReadResult read(String field, String source) {
    if (source == null) {
      source = "";
    }
    if (source.getBytes(StandardCharsets.UTF_8).length > MAX_SOURCE_BYTES) {
      return new ReadResult(
          List.of(),
          List.of(
              new DslError(
                  field,
                  1,
                  1,
                  "the source is longer than 64 KiB; split the pattern into smaller ones")));
    }
    Reader reader = new Reader(field, source);
    List<SExpr> forms = reader.readAll();
    return new ReadResult(forms, List.copyOf(reader.errors));
  }

  /** An open collection being filled. */
  private static final class Open {
    final char close;
    final Position position;
    final List<SExpr> items = new ArrayList<>();

    Open(char close, Position position) {
      this.close = close;
      this.position = position;
    }
  }

  private List<SExpr> readAll() {
    List<SExpr> top = new ArrayList<>();
    Deque<Open> stack = new ArrayDeque<>();
    while (true) {
      skipBlank();
      if (pos >= src.length()) {
        break;
      }
      Position at = here();
      char c = src.charAt(pos);
      if (c == '(' || c == '{' || c == '[') {
        advance();
        if (stack.size() >= MAX_DEPTH) {
          error(at, "nesting is deeper than " + MAX_DEPTH + " levels; simplify the pattern");
          skipBalanced(c);
          continue;
        }
        stack.push(new Open(closerOf(c), at));
        continue;
      }
      if (c == ')' || c == '}' || c == ']') {
        advance();
        if (stack.isEmpty()) {
          error(at, "unexpected '" + c + "' with nothing open to close");
          continue;
        }
        Open open = stack.peek();
        if (open.close != c) {
          error(
              at,
              "'"
                  + c
                  + "' closes the '"
                  + openerOf(open.close)
                  + "' at "
                  + open.position
                  + "; expected '"
                  + open.close
                  + "'");
          // Treat it as the right closer so that the rest still reads sensibly.
        }
        stack.pop();
        SExpr done = build(open);
        if (done != null) {
          add(stack, top, done);
        }
        continue;
      }
      SExpr atom = readAtom(at);
      if (atom != null) {
        add(stack, top, atom);
      }
    }
    while (!stack.isEmpty()) {
      Open open = stack.pop();
      error(
          open.position,
          "'" + openerOf(open.close) + "' is never closed; add '" + open.close + "'");
    }
    return top;
  }

  private static void add(Deque<Open> stack, List<SExpr> top, SExpr expr) {
    if (stack.isEmpty()) {
      top.add(expr);
    } else {
      stack.peek().items.add(expr);
    }
  }

  private SExpr build(Open open) {
    switch (open.close) {
      case ')':
        return new SList(List.copyOf(open.items), open.position);
      case ']':
        return new SVector(List.copyOf(open.items), open.position);
      default:
        if (open.items.size() % 2 != 0) {
          SExpr last = open.items.get(open.items.size() - 1);
          error(last.position(), "the map has a key without a value: " + last.describe());
        }
        List<SMap.Entry> entries = new ArrayList<>();
        for (int i = 0; i + 1 < open.items.size(); i += 2) {
          entries.add(new SMap.Entry(open.items.get(i), open.items.get(i + 1)));
        }
        return new SMap(List.copyOf(entries), open.position);
    }
  }

  /** Skips a too-deep collection up to its matching closer, without building it. */
  private void skipBalanced(char opener) {
    int depth = 1;
    while (pos < src.length() && depth > 0) {
      char c = src.charAt(pos);
      if (c == '"') {
        readString(here());
        continue;
      }
      if (c == ';') {
        skipBlank();
        continue;
      }
      if (c == '(' || c == '{' || c == '[') {
        depth++;
      } else if (c == ')' || c == '}' || c == ']') {
        depth--;
      }
      advance();
    }
  }

  private SExpr readAtom(Position at) {
    char c = src.charAt(pos);
    if (c == '"') {
      String value = readString(at);
      return value == null ? null : new SExpr.SString(value, at);
    }
    String token = readToken();
    if (token.isEmpty()) {
      advance();
      error(at, "unexpected character '" + c + "'");
      return null;
    }
    return classify(token, at);
  }

  private SExpr classify(String token, Position at) {
    switch (token) {
      case "true":
        return new SExpr.SBool(true, at);
      case "false":
        return new SExpr.SBool(false, at);
      case "nil":
        return new SExpr.SNil(at);
      default:
        break;
    }
    char first = token.charAt(0);
    if (Character.isDigit(first)
        || ((first == '-' || first == '+')
            && token.length() > 1
            && Character.isDigit(token.charAt(1)))) {
      return number(token, at);
    }
    if (first == ':') {
      String name = token.substring(1);
      if (name.isEmpty() || !isName(name)) {
        error(at, "'" + token + "' is not a keyword; write it as :name");
        return null;
      }
      return new SExpr.SKeyword(name, at);
    }
    if (first == '*') {
      if (token.length() < 3
          || !token.endsWith("*")
          || !isRefName(token.substring(1, token.length() - 1))) {
        error(at, "'" + token + "' is not a reference; write it as *attribute* or *a.b*");
        return null;
      }
      return new SExpr.SRef(token.substring(1, token.length() - 1), at);
    }
    if (first == '+') {
      String id = token.substring(1);
      if (id.isEmpty() || !isName(id)) {
        error(at, "'" + token + "' is not a template reference; write it as +TM1");
        return null;
      }
      return new SExpr.STemplateRef(id, at);
    }
    return new SExpr.SSymbol(token, at);
  }

  private SExpr number(String token, Position at) {
    if (!token.matches("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
      error(at, "'" + token + "' is not a number; write integers as 4 or -2 and decimals as 0.5");
      return null;
    }
    try {
      return new SExpr.SNumber(
          new BigDecimal(token.startsWith("+") ? token.substring(1) : token), token, at);
    } catch (NumberFormatException | ArithmeticException e) {
      error(at, "'" + token + "' is out of range");
      return null;
    }
  }

  private static boolean isName(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c)
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '?'
          || c == '!')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isRefName(String s) {
    if (s.isEmpty() || s.startsWith(".") || s.endsWith(".") || s.contains("..")) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) {
        return false;
      }
    }
    return true;
  }

  /** Reads a string literal starting at the quote; null (with an error) if it is unterminated. */
  private String readString(Position at) {
    advance(); // opening quote
    StringBuilder sb = new StringBuilder();
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '"') {
        advance();
        return sb.toString();
      }
      if (c == '\\') {
        Position escapeAt = here();
        advance();
        if (pos >= src.length()) {
          break;
        }
        char e = src.charAt(pos);
        advance();
        switch (e) {
          case '"' -> sb.append('"');
          case '\\' -> sb.append('\\');
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'r' -> sb.append('\r');
          case '/' -> sb.append('/');
          case 'u' -> {
            if (pos + 4 <= src.length() && src.substring(pos, pos + 4).matches("[0-9a-fA-F]{4}")) {
              sb.append((char) Integer.parseInt(src.substring(pos, pos + 4), 16));
              for (int i = 0; i < 4; i++) {
                advance();
              }
            } else {
              error(escapeAt, "'\\u' must be followed by four hex digits");
            }
          }
          default ->
              error(escapeAt, "unknown escape '\\" + e + "'; use \\\" \\\\ \\n \\t or \\uXXXX");
        }
        continue;
      }
      sb.append(c);
      advance();
    }
    error(at, "the string is never closed; add '\"'");
    return null;
  }

  private String readToken() {
    int start = pos;
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (Character.isWhitespace(c)
          || c == ','
          || c == ';'
          || c == '"'
          || "(){}[]".indexOf(c) >= 0) {
        break;
      }
      advance();
    }
    return src.substring(start, pos);
  }

  private void skipBlank() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == ';') {
        while (pos < src.length() && src.charAt(pos) != '\n') {
          advance();
        }
      } else if (Character.isWhitespace(c) || c == ',') {
        advance();
      } else {
        return;
      }
    }
  }

  private void advance() {
    char c = src.charAt(pos++);
    if (c == '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
  }

  private Position here() {
    return new Position(line, column);
  }

  private void error(Position at, String message) {
    errors.add(new DslError(field, at.line(), at.column(), message));
  }

  private static char closerOf(char opener) {
    return opener == '(' ? ')' : opener == '{' ? '}' : ']';
  }

  private static char openerOf(char closer) {
    return closer == ')' ? '(' : closer == '}' ? '{' : '[';
  }
}
