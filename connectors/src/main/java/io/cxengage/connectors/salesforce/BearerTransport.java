package io.cxengage.connectors.salesforce;

import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.cometd.client.http.jetty.JettyHttpClientTransport;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpHeader;

/**
 * CometD's long-polling transport on Jetty's HttpClient with the session's OAuth token on every
 * request, as the Streaming API requires ({@code Authorization: Bearer <token>}).
 */
final class BearerTransport extends JettyHttpClientTransport {

  private final String accessToken;

  BearerTransport(
      String url,
      Map<String, Object> options,
      ScheduledExecutorService scheduler,
      HttpClient http,
      String accessToken) {
    super(url, options, scheduler, http);
    this.accessToken = accessToken;
  }

  @Override
  protected void customize(Request request) {
    super.customize(request);
    request.headers(headers -> headers.put(HttpHeader.AUTHORIZATION, "Bearer " + accessToken));
  }
}
