package io.cxengage.connectors.salesforce;

import io.cxengage.connectors.dispatch.SendResult;

/** A step of a Salesforce send (the login) failed with this result; the send stops there. */
final class CallFailed extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient SendResult result;

  CallFailed(SendResult result) {
    super(result.error(), null, false, false);
    this.result = result;
  }

  SendResult result() {
    return result;
  }
}
