package io.cxengage.bench.cep;

import io.cxengage.connectors.config.ConfigKey;
import io.cxengage.connectors.config.ConfigKind;
import io.cxengage.connectors.config.KeyAttributeDocument;
import io.cxengage.connectors.config.PatternDocument;
import io.cxengage.connectors.config.TenantDocument;
import io.cxengage.connectors.json.Json;
import io.cxengage.job.config.ConfigReadiness;
import io.cxengage.job.model.ConfigUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The configuration log of the bench tenant for a workload, as the job reads it: the tenant, its
 * key attribute ({@code id}), any other documents a bench needs (augments, say), one enabled
 * pattern per {@code when}, then the readiness marker.
 */
public final class BenchConfig {

  static final String THEN = "(send echo message {})";

  private BenchConfig() {}

  static List<ConfigUpdate> of(Workload workload) {
    return of(workload, THEN, Map.of());
  }

  /**
   * @param then the {@code then} of every pattern
   * @param more documents to write after the key attribute, in the map's order
   */
  public static List<ConfigUpdate> of(Workload workload, String then, Map<ConfigKey, ?> more) {
    String t = BenchStream.TENANT;
    List<ConfigUpdate> out = new ArrayList<>();
    out.add(update(ConfigKey.tenant(t), new TenantDocument(t, t, null, 1L), out.size()));
    out.add(update(ConfigKey.keyAttribute(t), new KeyAttributeDocument("id", 1L), out.size()));
    more.forEach((key, doc) -> out.add(update(key, doc, out.size())));
    int n = 0;
    for (String when : workload.whens()) {
      String id = "PT" + (++n);
      out.add(
          update(
              ConfigKey.of(t, ConfigKind.PATTERN, id),
              new PatternDocument(id, id, null, true, when, then, 1L),
              out.size()));
    }
    out.add(ConfigReadiness.marker());
    return out;
  }

  private static ConfigUpdate update(ConfigKey key, Object doc, long offset) {
    return new ConfigUpdate(key.toString(), Json.write(doc), offset);
  }
}
