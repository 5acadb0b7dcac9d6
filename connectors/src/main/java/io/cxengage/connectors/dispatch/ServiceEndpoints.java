package io.cxengage.connectors.dispatch;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the external services are and how long to wait for them. Production uses {@link
 * #defaults()}; tests point every service at a local fake through the builder.
 *
 * @param sendgrid SendGrid API base URL (default {@code https://api.sendgrid.com})
 * @param twilio Twilio REST API base URL (default {@code https://api.twilio.com})
 * @param pusherScheme {@code https} (default) or {@code http}
 * @param pusherHost Pusher API host; {@code {cluster}} is replaced by the integration's cluster
 *     (default {@code api-{cluster}.pusher.com})
 * @param pusherPort Pusher API port, or -1 for the scheme's default
 * @param salesforceLogin Salesforce login URL for the OAuth token request (default {@code
 *     https://login.salesforce.com})
 * @param salesforceApiVersion REST API version in paths (default {@code v62.0})
 * @param requestTimeout limit for connecting and for waiting on a response (default 10 s)
 * @param threadsPerService threads of each dispatcher's executor (default 8)
 * @param queuePerService sends waiting for a thread before new ones are refused as retryable
 *     (default 1000)
 */
public record ServiceEndpoints(
    URI sendgrid,
    URI twilio,
    String pusherScheme,
    String pusherHost,
    int pusherPort,
    URI salesforceLogin,
    String salesforceApiVersion,
    Duration requestTimeout,
    int threadsPerService,
    int queuePerService) {

  public ServiceEndpoints {
    requireHttp("sendgrid", sendgrid);
    requireHttp("twilio", twilio);
    requireHttp("salesforceLogin", salesforceLogin);
    if (!"http".equals(pusherScheme) && !"https".equals(pusherScheme)) {
      throw new IllegalArgumentException("pusherScheme must be http or https; got " + pusherScheme);
    }
    Objects.requireNonNull(pusherHost, "pusherHost");
    if (pusherPort < -1 || pusherPort > 65535) {
      throw new IllegalArgumentException("pusherPort must be -1 or a port; got " + pusherPort);
    }
    if (salesforceApiVersion == null || !salesforceApiVersion.matches("v\\d+\\.\\d")) {
      throw new IllegalArgumentException(
          "salesforceApiVersion must look like v62.0; got " + salesforceApiVersion);
    }
    if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive; got " + requestTimeout);
    }
    if (threadsPerService < 1 || queuePerService < 1) {
      throw new IllegalArgumentException("threadsPerService and queuePerService must be positive");
    }
  }

  /** The real services, 10 s timeout. */
  public static ServiceEndpoints defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The Pusher API host for a cluster: {@code {cluster}} replaced, port appended when given. */
  public String pusherHostFor(String cluster) {
    String host = pusherHost.replace("{cluster}", cluster);
    return pusherPort == -1 ? host : host + ":" + pusherPort;
  }

  private static void requireHttp(String option, URI uri) {
    if (uri == null
        || uri.getHost() == null
        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new IllegalArgumentException(option + " must be an http(s) URL; got " + uri);
    }
  }

  /** Builds {@link ServiceEndpoints}, starting from the real services. */
  public static final class Builder {
    private URI sendgrid = URI.create("https://api.sendgrid.com");
    private URI twilio = URI.create("https://api.twilio.com");
    private String pusherScheme = "https";
    private String pusherHost = "api-{cluster}.pusher.com";
    private int pusherPort = -1;
    private URI salesforceLogin = URI.create("https://login.salesforce.com");
    private String salesforceApiVersion = "v62.0";
    private Duration requestTimeout = Duration.ofSeconds(10);
    private int threadsPerService = 8;
    private int queuePerService = 1000;

    private Builder() {}

    public Builder sendgrid(URI baseUrl) {
      this.sendgrid = baseUrl;
      return this;
    }

    public Builder twilio(URI baseUrl) {
      this.twilio = baseUrl;
      return this;
    }

    /** Every cluster at one URL, as a local fake needs. */
    public Builder pusher(URI baseUrl) {
      this.pusherScheme = baseUrl.getScheme();
      this.pusherHost = baseUrl.getHost();
      this.pusherPort = baseUrl.getPort();
      return this;
    }

    public Builder salesforceLogin(URI loginUrl) {
      this.salesforceLogin = loginUrl;
      return this;
    }

    public Builder salesforceApiVersion(String version) {
      this.salesforceApiVersion = version;
      return this;
    }

    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    public Builder threadsPerService(int threads) {
      this.threadsPerService = threads;
      return this;
    }

    public Builder queuePerService(int queue) {
      this.queuePerService = queue;
      return this;
    }

    public ServiceEndpoints build() {
      return new ServiceEndpoints(
          sendgrid,
          twilio,
          pusherScheme,
          pusherHost,
          pusherPort,
          salesforceLogin,
          salesforceApiVersion,
          requestTimeout,
          threadsPerService,
          queuePerService);
    }
  }
}
