package io.cxengage.connectors.salesforce;

import java.util.function.Supplier;

/**
 * A tenant's cached Salesforce session. One login at a time per tenant: the threads that find no
 * session wait for the one that logs in rather than all logging in.
 */
final class SessionHolder {

  private SalesforceSession session;

  /** The cached session, or a new one from {@code login}. */
  synchronized SalesforceSession current(Supplier<SalesforceSession> login) {
    if (session == null) {
      session = login.get();
    }
    return session;
  }

  /**
   * Drops {@code stale} after a 401. A session another thread already renewed is kept, so one
   * expiry causes one login.
   */
  synchronized void invalidate(SalesforceSession stale) {
    if (session == stale) {
      session = null;
    }
  }
}
