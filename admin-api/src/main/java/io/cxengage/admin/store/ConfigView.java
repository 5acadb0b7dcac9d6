package io.cxengage.admin.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.connectors.config.ConfigKey;
import io.cxengage.connectors.config.ConfigKind;
import io.cxengage.connectors.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory view of the configuration log: the latest document of every key, and the log-order
 * rank of every id claim. Only the {@link ConfigLog}'s consumer thread changes it, record by record
 * in log order; request threads read it concurrently.
 *
 * <p>Documents handed out are shared: callers copy them ({@link ObjectNode#deepCopy()}) before
 * changing them.
 */
public final class ConfigView {

  private static final Logger LOG = LoggerFactory.getLogger(ConfigView.class);

  /** Orders ids such as PT2 before PT10: by prefix, then by the number that follows. */
  static final Comparator<String> ID_ORDER =
      Comparator.comparing(ConfigView::idPrefix)
          .thenComparingLong(ConfigView::idNumber)
          .thenComparing(Comparator.naturalOrder());

  private final Map<String, Map<ConfigKind, ConcurrentSkipListMap<String, ObjectNode>>> documents =
      new ConcurrentHashMap<>();
  private final Map<String, Integer> claimRanks = new ConcurrentHashMap<>();
  private final Map<String, Integer> claimCounts = new ConcurrentHashMap<>();
  private final Map<String, String> clientIdByEmail = new ConcurrentHashMap<>();

  /** Applies one record of the log; {@code value} null deletes the key. Bad records are skipped. */
  void apply(String rawKey, byte[] value) {
    Optional<ConfigKey> parsed = ConfigKey.parse(rawKey);
    if (parsed.isEmpty()) {
      LOG.warn("skipping a configuration record with an unreadable key");
      return;
    }
    ConfigKey key = parsed.get();
    if (key.kind() == ConfigKind.ID_CLAIM) {
      applyClaim(rawKey, key, value);
      return;
    }
    var byId =
        documents
            .computeIfAbsent(key.tenant(), t -> new ConcurrentHashMap<>())
            .computeIfAbsent(key.kind(), k -> new ConcurrentSkipListMap<>(ID_ORDER));
    ObjectNode previous;
    if (value == null) {
      previous = byId.remove(key.id());
    } else {
      ObjectNode document = readObject(rawKey, value);
      if (document == null) {
        return;
      }
      previous = byId.put(key.id(), document);
      if (key.kind() == ConfigKind.USER && document.hasNonNull("email")) {
        clientIdByEmail.put(normalEmail(document.get("email").asText()), key.id());
      }
    }
    if (key.kind() == ConfigKind.USER && previous != null && previous.hasNonNull("email")) {
      String email = normalEmail(previous.get("email").asText());
      ObjectNode now = byId.get(key.id());
      if (now == null || !email.equals(normalEmail(now.path("email").asText()))) {
        clientIdByEmail.remove(email, key.id());
      }
    }
  }

  private void applyClaim(String rawKey, ConfigKey key, byte[] value) {
    if (value == null || claimRanks.containsKey(rawKey)) {
      return; // claims are never deleted; a repeated claim keeps its first rank
    }
    String counter = key.tenant() + "/" + idPrefix(key.id().split("/", 2)[0]);
    claimRanks.put(rawKey, claimCounts.merge(counter, 1, Integer::sum));
  }

  private static ObjectNode readObject(String rawKey, byte[] value) {
    try {
      JsonNode node = Json.mapper().readTree(value);
      if (node instanceof ObjectNode object) {
        return object;
      }
    } catch (IOException e) {
      // fall through
    }
    LOG.warn("skipping configuration record {}: its value is not a JSON object", rawKey);
    return null;
  }

  public Optional<ObjectNode> get(ConfigKey key) {
    var byKind = documents.get(key.tenant());
    if (byKind == null) {
      return Optional.empty();
    }
    var byId = byKind.get(key.kind());
    return byId == null ? Optional.empty() : Optional.ofNullable(byId.get(key.id()));
  }

  /** The documents of one kind of a tenant, in id order (PT1, PT2, …, PT10). */
  public List<ObjectNode> list(String tenant, ConfigKind kind) {
    var byKind = documents.get(tenant);
    var byId = byKind == null ? null : byKind.get(kind);
    return byId == null ? List.of() : new ArrayList<>(byId.values());
  }

  /** The tenants that have a tenant document, in name order. */
  public List<ObjectNode> tenants() {
    List<ObjectNode> tenants = new ArrayList<>();
    documents.forEach(
        (tenant, byKind) -> {
          var own = byKind.get(ConfigKind.TENANT);
          if (own != null && own.containsKey(tenant)) {
            tenants.add(own.get(tenant));
          }
        });
    tenants.sort(Comparator.comparing(t -> t.path("id").asText()));
    return Collections.unmodifiableList(tenants);
  }

  public boolean tenantExists(String tenant) {
    return get(ConfigKey.tenant(tenant)).isPresent();
  }

  /** The rank (1, 2, …) of a claim among its tenant's claims of the same prefix, in log order. */
  public Optional<Integer> claimRank(String rawClaimKey) {
    return Optional.ofNullable(claimRanks.get(rawClaimKey));
  }

  public Optional<String> clientIdByEmail(String email) {
    return Optional.ofNullable(clientIdByEmail.get(normalEmail(email)));
  }

  static String normalEmail(String email) {
    return email.trim().toLowerCase(java.util.Locale.ROOT);
  }

  static String idPrefix(String id) {
    int i = 0;
    while (i < id.length() && !Character.isDigit(id.charAt(i))) {
      i++;
    }
    return id.substring(0, i);
  }

  static long idNumber(String id) {
    String digits = id.substring(idPrefix(id).length());
    if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Long.parseLong(digits);
  }
}
