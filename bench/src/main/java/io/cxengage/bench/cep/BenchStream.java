package io.cxengage.bench.cep;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.cxengage.dsl.event.CustomerEvent;
import io.cxengage.job.model.RoutedEvent;
import java.util.List;

/**
 * The reproducible event stream of bench-workloads.md: N events over K keys from seed S. Event i
 * takes three draws r1, r2, r3: {@code id = "c" + (r1 mod K)}, {@code type = TYPES[r2 mod
 * |TYPES|]}, {@code customerSegment = [Gold, Silver, Bronze][r3 mod 3]}, {@code timestamp =
 * 1767603600000 + 10 i}. The events are routed for tenant {@value #TENANT} with key = {@code id}.
 */
public final class BenchStream {

  public static final String TENANT = "bench";
  public static final long EPOCH = 1_767_603_600_000L;
  public static final long SPACING_MILLIS = 10;
  private static final List<String> SEGMENTS = List.of("Gold", "Silver", "Bronze");

  private final long events;
  private final int keys;
  private final long seed;
  private final List<String> types;

  public BenchStream(long events, int keys, long seed, List<String> types) {
    if (events < 0 || keys < 1 || types.isEmpty()) {
      throw new IllegalArgumentException(
          "a stream needs events >= 0, keys >= 1 and at least one type, got "
              + events
              + ", "
              + keys
              + ", "
              + types);
    }
    this.events = events;
    this.keys = keys;
    this.seed = seed;
    this.types = List.copyOf(types);
  }

  public long events() {
    return events;
  }

  public int keys() {
    return keys;
  }

  public long seed() {
    return seed;
  }

  public List<String> types() {
    return types;
  }

  /**
   * All events, in order. Values repeat a lot (K ids, a few types), so their JSON nodes are shared:
   * the attributes are never changed once built, and the stream then fits in memory at 1M events.
   */
  public RoutedEvent[] generate() {
    if (events > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("too many events to hold in memory: " + events);
    }
    TextNode[] ids = new TextNode[keys];
    TextNode[] typeNodes = types.stream().map(TextNode::valueOf).toArray(TextNode[]::new);
    TextNode[] segmentNodes = SEGMENTS.stream().map(TextNode::valueOf).toArray(TextNode[]::new);
    RoutedEvent[] out = new RoutedEvent[(int) events];
    SplitMix64 random = new SplitMix64(seed);
    for (int i = 0; i < out.length; i++) {
      int key = random.nextBelow(keys);
      int type = random.nextBelow(typeNodes.length);
      int segment = random.nextBelow(segmentNodes.length);
      if (ids[key] == null) {
        ids[key] = TextNode.valueOf("c" + key);
      }
      long timestamp = EPOCH + SPACING_MILLIS * i;
      ObjectNode attributes = JsonNodeFactory.instance.objectNode();
      attributes.set("id", ids[key]);
      attributes.set("type", typeNodes[type]);
      attributes.set("customerSegment", segmentNodes[segment]);
      attributes.put("timestamp", timestamp);
      out[i] =
          new RoutedEvent(
              TENANT, ids[key].textValue(), new CustomerEvent("e" + i, timestamp, attributes), -1);
    }
    return out;
  }
}
