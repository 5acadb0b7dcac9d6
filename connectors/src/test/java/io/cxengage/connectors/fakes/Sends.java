package io.cxengage.connectors.fakes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.connectors.config.IntegrationDocument;
import io.cxengage.connectors.dispatch.SendRequest;
import io.cxengage.connectors.dispatch.SendResult;
import io.cxengage.connectors.dispatch.ServiceEndpoints;
import io.cxengage.connectors.json.Json;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Shorthands for the dispatcher tests. */
public final class Sends {

  /**
   * Short, so timeout tests stay fast, yet long enough that a local fake on a loaded shared machine
   * answers within it.
   */
  public static final Duration TEST_TIMEOUT = Duration.ofMillis(1500);

  private Sends() {}

  public static SendRequest request(
      String integration, String action, String paramsJson, Map<String, ?> credentials) {
    return new SendRequest(
        "send-1",
        "acme",
        integration,
        action,
        (ObjectNode) Json.tree(paramsJson),
        credentials == null ? null : new IntegrationDocument(credentials),
        1);
  }

  /** Every service at {@code fake}, with the short test timeout. */
  public static ServiceEndpoints endpointsAt(FakeServer fake) {
    return ServiceEndpoints.builder()
        .sendgrid(fake.uri())
        .twilio(fake.uri())
        .pusher(fake.uri())
        .salesforceLogin(fake.uri())
        .requestTimeout(TEST_TIMEOUT)
        .threadsPerService(2)
        .build();
  }

  public static SendResult await(CompletableFuture<SendResult> future) {
    try {
      return future.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the send did not complete normally", e);
    }
  }
}
