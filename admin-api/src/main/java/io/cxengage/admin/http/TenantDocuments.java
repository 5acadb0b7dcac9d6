package io.cxengage.admin.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.admin.error.NotFoundException;
import io.cxengage.admin.store.ConfigLog;
import io.cxengage.admin.store.KeyLocks;
import io.cxengage.connectors.config.ConfigKey;
import io.cxengage.connectors.config.ConfigKind;
import io.cxengage.connectors.json.Json;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The documents of one kind of a tenant (patterns, templates, listeners, augments) in the
 * configuration log: list, read, create with a new id, partial update that counts versions, delete.
 * A read that misses syncs with the log's end once, so an item created on another instance is
 * found.
 */
public final class TenantDocuments {

  private final ConfigLog log;
  private final KeyLocks locks;
  private final ConfigKind kind;
  private final String idPrefix;
  private final String noun;
  private final String versionField;
  private final Set<String> internalFields;

  /**
   * @param noun the resource's name in messages ("pattern")
   * @param versionField the field that counts changes ("version"; listeners use "doc-version")
   * @param internalFields fields stored but never answered
   */
  public TenantDocuments(
      ConfigLog log,
      KeyLocks locks,
      ConfigKind kind,
      String idPrefix,
      String noun,
      String versionField,
      Set<String> internalFields) {
    this.log = log;
    this.locks = locks;
    this.kind = kind;
    this.idPrefix = idPrefix;
    this.noun = noun;
    this.versionField = versionField;
    this.internalFields = internalFields;
  }

  public List<ObjectNode> list(String tenant) {
    return log.view().list(tenant, kind);
  }

  /** The stored document; 404 when there is none. */
  public ObjectNode get(String tenant, String id) {
    ConfigKey key = key(tenant, id);
    return log.view()
        .get(key)
        .or(
            () -> {
              log.sync();
              return log.view().get(key);
            })
        .orElseThrow(() -> notFound(tenant, id));
  }

  /** Stores a new document under a newly allocated id and returns it. */
  public ObjectNode create(String tenant, ObjectNode fields) {
    String id = log.allocateId(tenant, idPrefix);
    ObjectNode document = Json.mapper().createObjectNode().put("id", id);
    fields.fields().forEachRemaining(e -> document.set(e.getKey(), e.getValue()));
    document.put(versionField, 1L);
    log.put(key(tenant, id), document);
    return document;
  }

  /**
   * Merges {@code changes} into the stored document (a null value removes a field), lets {@code
   * check} refuse or complete the result, stores it with its version counted up and returns it.
   */
  public ObjectNode update(
      String tenant, String id, ObjectNode changes, UnaryOperator<ObjectNode> check) {
    ConfigKey key = key(tenant, id);
    return locks.withLock(
        key.toString(),
        () -> {
          ObjectNode document = get(tenant, id).deepCopy();
          merge(document, changes);
          document = check.apply(document);
          document.put("id", id);
          document.put(versionField, document.path(versionField).asLong(0) + 1);
          log.put(key, document);
          return document;
        });
  }

  public void delete(String tenant, String id) {
    ConfigKey key = key(tenant, id);
    locks.withLock(
        key.toString(),
        () -> {
          get(tenant, id);
          log.delete(key);
          return null;
        });
  }

  /** The document as answered: without internal fields. */
  public ObjectNode view(ObjectNode document) {
    ObjectNode shown = document.deepCopy();
    shown.remove(versionField);
    shown.remove(internalFields);
    return shown;
  }

  public List<ObjectNode> views(List<ObjectNode> documents) {
    return documents.stream().map(this::view).toList();
  }

  public NotFoundException notFound(String tenant, String id) {
    return new NotFoundException(noun + " " + id + " does not exist in tenant " + tenant)
        .with("id", id);
  }

  public ConfigKey key(String tenant, String id) {
    if (id.contains("/")) {
      throw notFound(tenant, id);
    }
    return ConfigKey.of(tenant, kind, id);
  }

  static void merge(ObjectNode target, ObjectNode changes) {
    for (Iterator<Map.Entry<String, JsonNode>> it = changes.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> change = it.next();
      if (change.getValue().isNull()) {
        target.remove(change.getKey());
      } else {
        target.set(change.getKey(), change.getValue());
      }
    }
  }
}
