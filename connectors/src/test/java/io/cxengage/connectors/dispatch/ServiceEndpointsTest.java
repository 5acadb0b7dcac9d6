package io.cxengage.connectors.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServiceEndpointsTest {

  @Test
  void defaultsToTheRealServicesAndTenSeconds() {
    ServiceEndpoints endpoints = ServiceEndpoints.defaults();

    assertThat(endpoints.sendgrid()).isEqualTo(URI.create("https://api.sendgrid.com"));
    assertThat(endpoints.twilio()).isEqualTo(URI.create("https://api.twilio.com"));
    assertThat(endpoints.salesforceLogin()).isEqualTo(URI.create("https://login.salesforce.com"));
    assertThat(endpoints.pusherScheme()).isEqualTo("https");
    assertThat(endpoints.pusherHostFor("eu")).isEqualTo("api-eu.pusher.com");
    assertThat(endpoints.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void pointsEveryPusherClusterAtOneLocalUrl() {
    ServiceEndpoints endpoints =
        ServiceEndpoints.builder().pusher(URI.create("http://127.0.0.1:8123")).build();

    assertThat(endpoints.pusherScheme()).isEqualTo("http");
    assertThat(endpoints.pusherHostFor("eu")).isEqualTo("127.0.0.1:8123");
  }

  @Test
  void namesTheBadOption() {
    assertThatThrownBy(
            () -> ServiceEndpoints.builder().sendgrid(URI.create("ftp://x.test")).build())
        .hasMessage("sendgrid must be an http(s) URL; got ftp://x.test");
    assertThatThrownBy(() -> ServiceEndpoints.builder().requestTimeout(Duration.ZERO).build())
        .hasMessage("requestTimeout must be positive; got PT0S");
    assertThatThrownBy(() -> ServiceEndpoints.builder().salesforceApiVersion("62").build())
        .hasMessage("salesforceApiVersion must look like v62.0; got 62");
  }
}
