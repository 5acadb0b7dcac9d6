package io.cxengage.admin.http;

/** Who may call a route. */
public enum Access {
  /** Anyone, without a token (health, token, OpenAPI). */
  PUBLIC,
  /** Any account with a valid bearer token. */
  ACCOUNT,
  /** Platform admins only. */
  ADMIN,
  /** Accounts with access to the {@code {tenant}} of the path, which must exist. */
  TENANT,
  /**
   * As {@link #TENANT}, or, instead of a token, the secret of the path's listener in the header
   * {@code X-Listener-Secret} (checked by the route: the guard only checks the tenant exists).
   */
  TENANT_OR_LISTENER_SECRET
}
