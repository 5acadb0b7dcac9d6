package io.cxengage.bench.pipeline;

import io.cxengage.bench.cep.SplitMix64;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole-pipeline workload of issue 10: customers of one tenant, events of 10 types with a few
 * attributes, and patterns of every shape of dsl.md, each touched by two or three types.
 *
 * <p>Event i takes four SplitMix64 draws from the seed (the generator of bench-workloads.md):
 * {@code id = "c" + (r1 mod keys)}, {@code type = "T" + (r2 mod 10)}, {@code customerSegment} one
 * of three, {@code code = r4 mod 200}. Pattern j starts on {@code (and (= type "T" + j mod 10) (=
 * code j mod 200))}, so an event of type t and code k starts at most the patterns j ≡ k (mod 200)
 * with j mod 10 = t: with 100 patterns 5 % of the events start exactly one partial match (k < 100
 * and k mod 10 = t), with 1,000 patterns 10 % start five. Its later steps wait for one or two other
 * types. The shapes rotate with j / 10: seq, count, all, within (a tighter window), absent.
 */
public final class PipelineWorkload {

  public static final String TENANT = "bench";
  static final int TYPES = 10;
  static final int CODES = 200;
  private static final String[] SEGMENTS = {"Gold", "Silver", "Bronze"};

  /**
   * Every match reports the {@code sent} attribute of its events, the last one's winning: the
   * instant (epoch microseconds) the bench produced the event that completed the match.
   */
  public static final String THEN = "(send echo message {:sent *sent*})";

  /** One generated event, before it gets its time. */
  public record Event(int key, int type, int segment, int code) {

    /** The Kafka record key: the tenant, then the customer (spreads customers over partitions). */
    public String recordKey() {
      return TENANT + "/c" + key;
    }

    /** The event as JSON with its event time (epoch ms) and the instant it is sent (epoch µs). */
    public byte[] json(long timestamp, long sentMicros) {
      return ("{\"id\":\"c"
              + key
              + "\",\"type\":\"T"
              + type
              + "\",\"customerSegment\":\""
              + SEGMENTS[segment]
              + "\",\"code\":"
              + code
              + ",\"timestamp\":"
              + timestamp
              + ",\"sent\":"
              + sentMicros
              + "}")
          .getBytes(StandardCharsets.UTF_8);
    }

    /** Whether this event can start pattern {@code j} (its first step holds). */
    public boolean starts(int j) {
      return type == j % TYPES && code == j % CODES;
    }
  }

  private final int keys;
  private final SplitMix64 random;

  /** The events over {@code keys} customers from {@code seed}, in order. */
  public PipelineWorkload(int keys, long seed) {
    if (keys < 1) {
      throw new IllegalArgumentException("the workload needs at least one key, got " + keys);
    }
    this.keys = keys;
    this.random = new SplitMix64(seed);
  }

  /** The next event of the stream. */
  public Event next() {
    return new Event(
        random.nextBelow(keys),
        random.nextBelow(TYPES),
        random.nextBelow(SEGMENTS.length),
        random.nextBelow(CODES));
  }

  /** The next {@code n} events. */
  public Event[] next(int n) {
    Event[] out = new Event[n];
    for (int i = 0; i < n; i++) {
      out[i] = next();
    }
    return out;
  }

  /**
   * Whether pattern j has the {@code absent} shape: its matches complete on time, not on events.
   */
  public static boolean isAbsent(int j) {
    return (j / TYPES) % 5 == 4;
  }

  /** The {@code when} of patterns 0 … n-1. */
  public static List<String> patterns(int n) {
    List<String> out = new ArrayList<>(n);
    for (int j = 0; j < n; j++) {
      out.add(when(j));
    }
    return out;
  }

  /** The {@code when} of pattern j. */
  static String when(int j) {
    int first = j % TYPES;
    int second = (first + 1 + (j / TYPES) % 9) % TYPES;
    int third = (second + 1 + (j / TYPES) % 7) % TYPES;
    if (third == first) {
      third = (third + 1) % TYPES;
    }
    String start = "(event (and (= type \"T" + first + "\") (= code " + (j % CODES) + ")))";
    String b = type(second);
    String c = type(third);
    return switch ((j / TYPES) % 5) {
      case 0 -> "(within 60 seconds (seq " + start + " " + b + "))";
      case 1 -> "(within 60 seconds (seq " + start + " (count 2 " + b + ")))";
      case 2 -> "(within 60 seconds (seq " + start + " (all " + b + " " + c + ")))";
      case 3 -> "(within 20 seconds (seq " + start + " " + b + " " + c + "))";
      default -> "(seq " + start + " (absent 10 seconds " + b + "))";
    };
  }

  private static String type(int t) {
    return "(event (= type \"T" + t + "\"))";
  }
}
