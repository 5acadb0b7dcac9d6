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

/**
 * The configuration log of the bench tenant for a workload, as the dynamic operator reads it: the
 * tenant, its key attribute ({@code id}), one enabled pattern per {@code when}, then the readiness
 * marker.
 */
final class BenchConfig {

  static final String THEN = "(send echo message {})";

  private BenchConfig() {}

  static List<ConfigUpdate> of(Workload workload) {
    String t = BenchStream.TENANT;
    List<ConfigUpdate> out = new ArrayList<>();
    out.add(update(ConfigKey.tenant(t), new TenantDocument(t, t, null, 1L), out.size()));
    out.add(update(ConfigKey.keyAttribute(t), new KeyAttributeDocument("id", 1L), out.size()));
    int n = 0;
    for (String when : workload.whens()) {
      String id = "PT" + (++n);
      out.add(
          update(
              ConfigKey.of(t, ConfigKind.PATTERN, id),
              new PatternDocument(id, id, null, true, when, THEN, 1L),
              out.size()));
    }
    out.add(ConfigReadiness.marker());
    return out;
  }

  private static ConfigUpdate update(ConfigKey key, Object doc, long offset) {
    return new ConfigUpdate(key.toString(), Json.write(doc), offset);
  }
}
