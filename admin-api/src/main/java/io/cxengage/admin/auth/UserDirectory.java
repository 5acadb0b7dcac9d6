package io.cxengage.admin.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.admin.store.ConfigLog;
import io.cxengage.connectors.config.ConfigKey;
import io.cxengage.connectors.config.ConfigKind;
import io.cxengage.connectors.json.Json;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The accounts, kept in the configuration log under {@code _platform/user/<client-id>}. Lookups
 * read the log's view; a miss syncs with the log's end once, so an account created on another
 * instance a moment ago is found.
 */
public final class UserDirectory {

  private final ConfigLog log;
  private final SecretHasher hasher;

  public UserDirectory(ConfigLog log, SecretHasher hasher) {
    this.log = log;
    this.hasher = hasher;
  }

  /** A new account and its client secret, which is shown once and stored only as a hash. */
  public record Created(User user, String clientSecret) {}

  public Optional<User> byClientId(String clientId) {
    if (clientId == null || clientId.isEmpty() || clientId.contains("/")) {
      return Optional.empty();
    }
    Optional<User> user = read(clientId);
    if (user.isEmpty()) {
      log.sync();
      user = read(clientId);
    }
    return user;
  }

  public Optional<User> byEmail(String email) {
    Optional<String> clientId = log.view().clientIdByEmail(email);
    if (clientId.isEmpty()) {
      log.sync();
      clientId = log.view().clientIdByEmail(email);
    }
    return clientId.flatMap(this::read);
  }

  /** Every account, in email order. */
  public List<User> all() {
    return log.view().list(ConfigKey.PLATFORM, ConfigKind.USER).stream()
        .map(node -> Json.mapper().convertValue(node, User.class))
        .sorted(java.util.Comparator.comparing(User::email))
        .toList();
  }

  /** The account whose secret matches, if any. */
  public Optional<User> authenticate(String clientId, String clientSecret) {
    return byClientId(clientId).filter(u -> hasher.matches(clientSecret, u.secretHash()));
  }

  public Created create(String email, String name, List<String> tenants, boolean admin) {
    String clientId = UUID.randomUUID().toString();
    return create(clientId, SecretHasher.newSecret(), email, name, tenants, admin);
  }

  public Created create(
      String clientId,
      String secret,
      String email,
      String name,
      List<String> tenants,
      boolean admin) {
    User user = new User(clientId, email, name, tenants, admin, hasher.hash(secret), 1L);
    save(user);
    return new Created(user, secret);
  }

  public void save(User user) {
    log.put(key(user.clientId()), (ObjectNode) Json.mapper().valueToTree(user));
  }

  public void delete(User user) {
    log.delete(key(user.clientId()));
  }

  public SecretHasher hasher() {
    return hasher;
  }

  private Optional<User> read(String clientId) {
    return log.view().get(key(clientId)).map(node -> Json.mapper().convertValue(node, User.class));
  }

  private static ConfigKey key(String clientId) {
    return ConfigKey.of(ConfigKey.PLATFORM, ConfigKind.USER, clientId);
  }
}
