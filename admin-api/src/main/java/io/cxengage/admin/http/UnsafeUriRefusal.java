package io.cxengage.admin.http;

import io.cxengage.connectors.json.Json;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses a request whose path is ambiguous or holds characters a path may not ({@code %00}, {@code
 * %2F} inside a segment, {@code %2E%2E}), before the servlet layer does. Jetty's own refusal
 * answered with an HTML page and then closed a keep-alive connection whose body it had not read,
 * without saying so: a client that sent its next request on it got no answer at all. This one
 * answers in the API's JSON and says {@code Connection: close}.
 */
final class UnsafeUriRefusal extends Handler.Wrapper {

  /** Allowed because the router folds {@code //} into {@code /}. */
  private static final Set<UriCompliance.Violation> TOLERATED =
      EnumSet.of(UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT);

  private static final String PROBLEM =
      "the request path is ambiguous or holds a character a path may not (such as %00, an encoded"
          + " / or ..): send the identifiers as they are stored";

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    HttpURI uri = request.getHttpURI();
    if (uri.hasViolations() && !TOLERATED.containsAll(uri.getViolations())) {
      refuse(response, 400, PROBLEM, callback);
      return true;
    }
    return super.handle(request, response, callback);
  }

  /** Answers in JSON and closes the connection, whose unread body would otherwise reset it. */
  static void refuse(Response response, int status, String problem, Callback callback)
      throws java.io.IOException {
    byte[] body = Json.mapper().writeValueAsBytes(Map.of("error", problem));
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONNECTION, "close");
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  /**
   * What Jetty answers for a request it refuses before any handler (a path with {@code %00}, a
   * malformed header): the API's JSON instead of an HTML page, and a connection that is closed.
   */
  static final class Errors extends org.eclipse.jetty.server.handler.ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      int status = response.getStatus() >= 400 ? response.getStatus() : 400;
      Object message = request.getAttribute(ERROR_MESSAGE);
      refuse(
          response,
          status,
          status == 400
              ? PROBLEM
              : "the request was refused: " + (message == null ? status : message),
          callback);
      return true;
    }
  }
}
