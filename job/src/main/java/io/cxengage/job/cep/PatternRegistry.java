package io.cxengage.job.cep;

import io.cxengage.connectors.config.PatternDocument;
import io.cxengage.dsl.DslException;
import io.cxengage.dsl.PatternLanguage;
import io.cxengage.dsl.ast.Trigger;
import io.cxengage.dsl.check.CheckResult;
import io.cxengage.dsl.compile.PatternCompiler;
import io.cxengage.job.config.ConfigView;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compiled, enabled patterns of every tenant, with an index per tenant. Compiled patterns are
 * kept per (pattern id, when version), so a change to a pattern's name, description or {@code then}
 * reuses its NFA and keeps its partial matches.
 */
final class PatternRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(PatternRegistry.class);

  private final Map<String, Map<String, ActivePattern>> byTenant = new HashMap<>();
  private final Map<String, PatternIndex> indexes = new HashMap<>();

  /**
   * Brings a tenant's patterns in line with the configuration.
   *
   * @return the state keys ({@code PT1#version}) that are no longer active and must be cleared
   */
  Set<String> refresh(String tenant, ConfigView.TenantConfig config) {
    Map<String, ActivePattern> before = byTenant.getOrDefault(tenant, Map.of());
    Map<String, ActivePattern> after = new LinkedHashMap<>();
    for (PatternDocument doc : config.patterns().values()) {
      if (!doc.enabled() || doc.when() == null) {
        continue;
      }
      ActivePattern previous = before.get(doc.id());
      if (previous != null && previous.document().when().equals(doc.when())) {
        after.put(
            doc.id(),
            previous.document().equals(doc)
                ? previous
                : new ActivePattern(doc, previous.compiled()));
        continue;
      }
      try {
        CheckResult<Trigger> checked = PatternLanguage.checkWhen(doc.when());
        after.put(doc.id(), new ActivePattern(doc, PatternCompiler.compile(checked.orThrow())));
      } catch (DslException e) {
        LOG.warn("pattern {} of tenant {} is not matched: {}", doc.id(), tenant, e.getMessage());
      }
    }
    Set<String> removed = new HashSet<>();
    for (ActivePattern p : before.values()) {
      removed.add(p.stateKey());
    }
    for (ActivePattern p : after.values()) {
      removed.remove(p.stateKey());
    }
    byTenant.put(tenant, after);
    indexes.put(tenant, new PatternIndex(after.values()));
    return removed;
  }

  /** The index of the tenant's active patterns, or null when it has none. */
  PatternIndex index(String tenant) {
    return indexes.get(tenant);
  }

  /** The active pattern with this state key, or null. */
  ActivePattern byStateKey(String tenant, String stateKey) {
    int hash = stateKey.indexOf('#');
    ActivePattern p = byTenant.getOrDefault(tenant, Map.of()).get(stateKey.substring(0, hash));
    return p != null && p.stateKey().equals(stateKey) ? p : null;
  }

  Collection<ActivePattern> patterns(String tenant) {
    return byTenant.getOrDefault(tenant, Map.of()).values();
  }
}
