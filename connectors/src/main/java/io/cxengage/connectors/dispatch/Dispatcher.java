package io.cxengage.connectors.dispatch;

import java.util.concurrent.CompletableFuture;

/**
 * Sends reactions to one external service. Implementations never block the calling thread (a Flink
 * task thread): blocking client calls run on a bounded executor owned by the dispatcher. Expected
 * failures (timeouts, refused connections, error statuses, missing params or credentials) complete
 * the future normally with a {@link SendResult}; the future fails only on a bug.
 */
public interface Dispatcher extends AutoCloseable {

  /** The integration type this dispatcher serves ({@code sendgrid}, {@code twilio}, ...). */
  String integration();

  /** Makes one attempt; retries are the caller's, guided by {@link RetryPolicy}. */
  CompletableFuture<SendResult> send(SendRequest request);

  /** Stops the executor and releases the clients; sends still running may complete as failed. */
  @Override
  void close();
}
