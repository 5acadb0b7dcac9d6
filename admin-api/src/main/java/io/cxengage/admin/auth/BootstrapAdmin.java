package io.cxengage.admin.auth;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a platform admin exists at start. With a configured client id and secret, that account
 * is created, or its secret and admin flag brought in line with the configuration. Without one, an
 * admin is generated on the first start only (when the log holds no admin) and its credentials are
 * printed once; the log keeps it for later starts.
 */
public final class BootstrapAdmin {

  private static final Logger LOG = LoggerFactory.getLogger(BootstrapAdmin.class);
  static final String EMAIL = "admin@localhost";

  private BootstrapAdmin() {}

  public static void ensure(
      UserDirectory users, Optional<String> clientId, Optional<String> secret, PrintStream out) {
    if (clientId.isPresent() && secret.isPresent()) {
      Optional<User> existing = users.byClientId(clientId.get());
      if (existing.isEmpty()) {
        users.create(clientId.get(), secret.get(), EMAIL, "Platform admin", List.of(), true);
        LOG.info("created the configured platform admin {}", clientId.get());
      } else {
        User user = existing.get();
        if (!user.admin()) {
          user = user.withAdmin(true);
        }
        if (!users.hasher().matches(secret.get(), user.secretHash())) {
          user = user.withSecretHash(users.hasher().hash(secret.get()));
        }
        if (user != existing.get()) {
          users.save(user);
          LOG.info("updated the configured platform admin {}", clientId.get());
        }
      }
      return;
    }
    if (users.all().stream().anyMatch(User::admin)) {
      return;
    }
    UserDirectory.Created created = users.create(EMAIL, "Platform admin", List.of(), true);
    // Printed once, on purpose, and never logged: the operator needs it to get a first token.
    out.println(
        "CxEngage admin API: created the platform admin. Keep these credentials; they are not"
            + " shown again.");
    out.println("  CX_ADMIN_CLIENT_ID=" + created.user().clientId());
    out.println("  CX_ADMIN_CLIENT_SECRET=" + created.clientSecret());
  }
}
