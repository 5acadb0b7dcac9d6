package io.cxengage.connectors.salesforce;

import io.cxengage.connectors.dispatch.BlockingCalls;
import io.cxengage.connectors.dispatch.ClientCache;
import io.cxengage.connectors.dispatch.Credentials;
import io.cxengage.connectors.dispatch.Dispatcher;
import io.cxengage.connectors.dispatch.HttpOutcomes;
import io.cxengage.connectors.dispatch.InvalidSendException;
import io.cxengage.connectors.dispatch.SendRequest;
import io.cxengage.connectors.dispatch.SendResult;
import io.cxengage.connectors.dispatch.ServiceEndpoints;
import io.cxengage.connectors.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Creates Salesforce records for {@code salesforce task|lead|case|opportunity}: the params are the
 * object's fields, sent as the JSON body. Each tenant's session is cached; a 401 (expired or
 * revoked token) logs in again once and repeats the create once, within the same attempt.
 */
public final class SalesforceDispatcher implements Dispatcher {

  public static final String INTEGRATION = "salesforce";

  /** DSL action to Salesforce object type. */
  static final Map<String, String> SOBJECTS =
      Map.of("task", "Task", "lead", "Lead", "case", "Case", "opportunity", "Opportunity");

  private final SalesforceClient client;
  private final ClientCache<SessionHolder> sessions = new ClientCache<>(holder -> {});
  private final BlockingCalls calls;

  public SalesforceDispatcher(ServiceEndpoints endpoints, Clock clock) {
    this.client =
        new SalesforceClient(
            endpoints.salesforceLogin(),
            endpoints.salesforceApiVersion(),
            endpoints.requestTimeout(),
            clock);
    // Up to four requests in one attempt: login, create, login again after a 401, create again.
    this.calls = BlockingCalls.forService(INTEGRATION, endpoints, 4);
  }

  @Override
  public String integration() {
    return INTEGRATION;
  }

  @Override
  public CompletableFuture<SendResult> send(SendRequest request) {
    String what = "salesforce " + request.action();
    return calls.send(request, what, () -> sendNow(request, what));
  }

  private SendResult sendNow(SendRequest request, String what)
      throws IOException, InterruptedException {
    String sobject = SOBJECTS.get(request.action());
    if (sobject == null) {
      throw new InvalidSendException(
          "salesforce has no action '"
              + request.action()
              + "'; use task, lead, case or opportunity");
    }
    Map<String, String> loginForm = SalesforceClient.loginForm(Credentials.of(request));
    String body = Json.write(request.params());
    SessionHolder holder =
        sessions.get(request.tenant(), request.credentials(), SessionHolder::new);
    try {
      SalesforceSession session = holder.current(() -> login(loginForm));
      HttpResponse<String> response = client.create(session, sobject, body);
      if (response.statusCode() == 401) {
        holder.invalidate(session);
        session = holder.current(() -> login(loginForm));
        response = client.create(session, sobject, body);
      }
      if (!HttpOutcomes.isSuccess(response.statusCode())) {
        return client.failure(response, what);
      }
      String id = SalesforceClient.parse(response.body()).path("id").asText(null);
      return SendResult.sent(response.statusCode(), id);
    } catch (CallFailed failed) {
      return failed.result();
    }
  }

  /** The login as a supplier for {@link SessionHolder}; checked exceptions pass through wrapped. */
  private SalesforceSession login(Map<String, String> loginForm) {
    try {
      return client.login(loginForm);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while logging in to salesforce", e);
    }
  }

  @Override
  public void close() {
    calls.close();
    sessions.close();
  }
}
