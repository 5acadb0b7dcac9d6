package io.cxengage.connectors.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.CallCreator;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Say;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import io.cxengage.connectors.dispatch.BlockingCalls;
import io.cxengage.connectors.dispatch.ClientCache;
import io.cxengage.connectors.dispatch.Credentials;
import io.cxengage.connectors.dispatch.Dispatcher;
import io.cxengage.connectors.dispatch.HttpOutcomes;
import io.cxengage.connectors.dispatch.InvalidSendException;
import io.cxengage.connectors.dispatch.Params;
import io.cxengage.connectors.dispatch.RetryAfter;
import io.cxengage.connectors.dispatch.SendRequest;
import io.cxengage.connectors.dispatch.SendResult;
import io.cxengage.connectors.dispatch.ServiceEndpoints;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Sends {@code twilio sms} and {@code twilio call} through the Twilio SDK: one {@link
 * TwilioRestClient} per tenant account (never the static {@code Twilio.init}, which would share one
 * account across tenants), all on one {@link TwilioTransport}. A call with {@code message} speaks
 * it through TwiML {@code <Say>}; with {@code url} Twilio fetches TwiML from there; {@code message}
 * wins when both are given.
 */
public final class TwilioDispatcher implements Dispatcher {

  public static final String INTEGRATION = "twilio";

  private static final Set<String> ACTIONS = Set.of("sms", "call");

  private final TwilioTransport transport;
  private final ClientCache<TwilioRestClient> clients = new ClientCache<>(client -> {});
  private final BlockingCalls calls;
  private final Clock clock;

  public TwilioDispatcher(ServiceEndpoints endpoints, Clock clock) {
    this.calls = BlockingCalls.forService(INTEGRATION, endpoints, 2);
    this.transport = new TwilioTransport(endpoints.twilio(), endpoints.requestTimeout());
    this.clock = clock;
  }

  @Override
  public String integration() {
    return INTEGRATION;
  }

  @Override
  public CompletableFuture<SendResult> send(SendRequest request) {
    String what = "twilio " + request.action();
    return calls.send(request, what, () -> sendNow(request, what));
  }

  private SendResult sendNow(SendRequest request, String what) {
    if (!ACTIONS.contains(request.action())) {
      throw new InvalidSendException(
          "twilio has no action '" + request.action() + "'; use sms or call");
    }
    Params params = new Params(request);
    Credentials credentials = Credentials.of(request);
    String account = credentials.required("account");
    String token =
        credentials.optional("auth-token").orElseGet(() -> credentials.required("password"));
    PhoneNumber to = new PhoneNumber(params.required("to-phone-number"));
    PhoneNumber from =
        new PhoneNumber(params.requiredWithDefault("from-phone-number", credentials, "from"));
    TwilioRestClient client =
        clients.get(
            request.tenant(),
            request.credentials(),
            () -> new TwilioRestClient.Builder(account, token).httpClient(transport).build());
    try {
      return switch (request.action()) {
        case "sms" ->
            sent(Message.creator(to, from, params.required("message")).create(client).getSid());
        default -> sent(callCreator(params, to, from).create(client).getSid()); // "call"
      };
    } catch (ApiConnectionException e) {
      return HttpOutcomes.failure(what, e);
    } catch (ApiException e) {
      // The SDK drops the response's headers; the transport kept them on this thread.
      Optional<Response> response = transport.lastResponseOnThisThread();
      int status =
          response
              .map(Response::getStatusCode)
              .orElse(e.getStatusCode() == null ? 0 : e.getStatusCode());
      if (status == 0) {
        return HttpOutcomes.failure(what, e);
      }
      return HttpOutcomes.failure(
          status,
          what,
          e.getMessage() + (e.getCode() == null ? "" : " (Twilio error " + e.getCode() + ")"),
          response.map(r -> RetryAfter.parse(header(r, "Retry-After"), clock)).orElse(null));
    }
  }

  private static CallCreator callCreator(Params params, PhoneNumber to, PhoneNumber from) {
    Optional<String> message = params.optional("message");
    if (message.isPresent()) {
      String twiml =
          new VoiceResponse.Builder().say(new Say.Builder(message.get()).build()).build().toXml();
      return Call.creator(to, from, new Twiml(twiml));
    }
    String url =
        params
            .optional("url")
            .orElseThrow(
                () -> new InvalidSendException("twilio call needs a 'message' or a 'url' param"));
    try {
      return Call.creator(to, from, new URI(url));
    } catch (URISyntaxException e) {
      throw new InvalidSendException("twilio call 'url' is not a URL: " + e.getMessage());
    }
  }

  private SendResult sent(String sid) {
    return SendResult.sent(
        transport.lastResponseOnThisThread().map(Response::getStatusCode).orElse(201), sid);
  }

  private static String header(Response response, String name) {
    return response.getHeaders() == null
        ? null
        : Arrays.stream(response.getHeaders())
            .filter(h -> h.getName().equalsIgnoreCase(name))
            .map(h -> h.getValue())
            .findFirst()
            .orElse(null);
  }

  @Override
  public void close() {
    calls.close();
    clients.close();
  }
}
