package io.cxengage.admin.auth;

/** The authenticated account behind a request. */
public record Caller(User user) {

  public String clientId() {
    return user.clientId();
  }

  public boolean admin() {
    return user.admin();
  }

  public boolean mayUse(String tenant) {
    return user.mayUse(tenant);
  }
}
