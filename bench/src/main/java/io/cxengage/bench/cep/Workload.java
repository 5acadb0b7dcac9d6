package io.cxengage.bench.cep;

import java.util.ArrayList;
import java.util.List;

/**
 * A pattern workload: the event types of its stream and the {@code when} of each of its patterns
 * (every {@code then} is {@code (send echo message {})}). The first three are bench-workloads.md's;
 * {@link #thousand()} is ours, for the cost of many selective patterns.
 */
public record Workload(String name, List<String> types, List<String> whens) {

  public Workload {
    types = List.copyOf(types);
    whens = List.copyOf(whens);
  }

  /** {@code A} then {@code B} within 60 s, over types A and B. */
  public static Workload seqWithin() {
    return new Workload("seq-within", List.of("A", "B"), List.of(pair("A", "B")));
  }

  /** The seed's loyalty pattern with {@code eventType} read as {@code type}. */
  public static Workload loyalty() {
    return new Workload(
        "loyalty",
        List.of(
            "flcheck",
            "cnclTicket",
            "login",
            "search",
            "view",
            "cart",
            "purchase",
            "call",
            "chat",
            "email"),
        List.of(
            "(within 1 minutes (allOf (count 4 (event (and (= customerSegment \"Gold\")"
                + " (= type \"flcheck\")))) (event (and (= customerSegment \"Gold\")"
                + " (= type \"cnclTicket\")))))"));
  }

  /** 100 patterns, {@code Tj} then {@code Tk} within 60 s for every ordered pair of T0 … T9. */
  public static Workload hundred() {
    List<String> types = types(10);
    List<String> whens = new ArrayList<>();
    for (String first : types) {
      for (String second : types) {
        whens.add(pair(first, second));
      }
    }
    return new Workload("hundred", types, whens);
  }

  /**
   * 1,000 selective patterns over types T0 … T999: pattern j is {@code Tj} then {@code T(j+1 mod
   * 1000)} within 60 s. Each pattern is pinned to two values of {@code type}, so every event can
   * touch exactly two patterns (it starts pattern j and may complete pattern j-1); the other 998
   * must cost it nothing.
   */
  public static Workload thousand() {
    List<String> types = types(1000);
    List<String> whens = new ArrayList<>();
    for (int j = 0; j < types.size(); j++) {
      whens.add(pair(types.get(j), types.get((j + 1) % types.size())));
    }
    return new Workload("thousand", types, whens);
  }

  public static List<Workload> all() {
    return List.of(seqWithin(), loyalty(), hundred(), thousand());
  }

  /** The workload of this name. */
  public static Workload named(String name) {
    for (Workload w : all()) {
      if (w.name().equals(name)) {
        return w;
      }
    }
    throw new IllegalArgumentException(
        "unknown workload '" + name + "'; known: " + all().stream().map(Workload::name).toList());
  }

  private static String pair(String first, String second) {
    return "(within 60 seconds (seq (event (= type \""
        + first
        + "\")) (event (= type \""
        + second
        + "\"))))";
  }

  private static List<String> types(int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add("T" + i);
    }
    return out;
  }
}
