package io.cxengage.job.reaction;

import java.io.Serializable;

/**
 * Where sends to external services go. The replay gateway reports them as sent without making them;
 * the live gateway dispatches them to their services.
 */
public interface SendGateway extends Serializable {

  /** The outcome of a send that was handed to an external service. */
  record Outcome(boolean ok, int attempts, String error) {}

  Outcome send(String tenant, SendStep step);

  /** Replay mode: nothing leaves the machine; every external send counts as sent. */
  SendGateway REPLAY = (tenant, step) -> new Outcome(true, 1, null);
}
