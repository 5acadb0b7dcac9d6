package io.cxengage.job.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UrlPolicyTest {

  /** A DNS of a few names, so the test needs no network. */
  private static final Map<String, String> DNS =
      Map.of(
          "augment.example.com", "93.184.216.34",
          "localhost", "127.0.0.1",
          "metadata.internal", "169.254.169.254",
          "kafka", "10.0.0.7",
          "self.example.com", "203.0.113.9",
          "mapped.example.com", "::ffff:127.0.0.1");

  private static InetAddress[] resolve(String host) throws UnknownHostException {
    String address = DNS.getOrDefault(host, host);
    if (!address.matches("[0-9a-f.:]+")) {
      throw new UnknownHostException(host);
    }
    return new InetAddress[] {InetAddress.getByName(address)};
  }

  private static UrlPolicy policy(List<String> allow, List<String> deny) throws Exception {
    return new UrlPolicy(
        allow, deny, UrlPolicyTest::resolve, List.of(InetAddress.getByName("203.0.113.9")));
  }

  private static void refused(UrlPolicy p, String url, String reason) {
    assertThatThrownBy(() -> p.check(url))
        .as(url)
        .isInstanceOf(AugmentFailure.class)
        .hasMessageContaining(reason);
  }

  @Test
  void publicHttpAndHttpsUrlsAreCalled() throws Exception {
    UrlPolicy p = policy(List.of(), List.of());
    assertThat(p.check("https://augment.example.com/segments?x=1").getHost())
        .isEqualTo("augment.example.com");
    assertThat(p.check("http://93.184.216.34:8080/").getPort()).isEqualTo(8080);
  }

  @Test
  void otherSchemesAreRefused() throws Exception {
    UrlPolicy p = policy(List.of(), List.of());
    refused(p, "file:///etc/passwd", "only http and https URLs are called, not 'file'");
    refused(p, "gopher://augment.example.com/", "not 'gopher'");
    refused(p, "augment.example.com/x", "not ''");
    refused(p, "http:///nohost", "has no host");
    refused(p, "http://exa mple.com/", "is not a URL");
  }

  @Test
  void internalAddressesAreRefused() throws Exception {
    UrlPolicy p = policy(List.of(), List.of());
    refused(p, "http://127.0.0.1:8080/", "the host 127.0.0.1 has the internal address 127.0.0.1");
    refused(p, "http://localhost/", "internal address");
    refused(p, "http://metadata.internal/latest", "internal address 169.254.169.254");
    refused(p, "http://kafka:9092/", "internal address 10.0.0.7");
    refused(p, "http://192.168.1.20/", "internal address");
    refused(p, "http://172.31.255.1/", "internal address");
    refused(p, "http://100.64.0.1/", "internal address");
    refused(p, "http://[::1]/", "internal address");
    refused(p, "http://[fd00::5]/", "internal address");
    refused(p, "http://0.0.0.0/", "internal address");
    refused(p, "http://mapped.example.com/", "internal address 127.0.0.1");
    refused(p, "http://self.example.com/", "internal address 203.0.113.9");
    refused(p, "http://nowhere.invalid/", "the host nowhere.invalid is unknown");
  }

  @Test
  void theAllowListOpensAnInternalHostAndTheDenyListClosesAPublicOne() throws Exception {
    UrlPolicy p =
        policy(List.of("127.0.0.1", "10.0.0.0/8", "Metadata.Internal"), List.of("93.184.216.0/24"));
    assertThat(p.check("http://127.0.0.1:9999/a").getPort()).isEqualTo(9999);
    assertThat(p.check("http://kafka:9092/").getHost()).isEqualTo("kafka");
    assertThat(p.check("http://metadata.internal/").getHost()).isEqualTo("metadata.internal");
    assertThat(p.check("http://localhost/").getHost())
        .as("resolves to 127.0.0.1")
        .isEqualTo("localhost");
    refused(p, "http://127.0.0.2/", "internal address 127.0.0.2");
    refused(p, "http://192.168.1.20/", "internal address");
    refused(
        p,
        "https://augment.example.com/",
        "the host augment.example.com is on the deny-list (augment-api-deny)");
  }

  @Test
  void theDenyListWinsOverTheAllowList() throws Exception {
    UrlPolicy p = policy(List.of("kafka"), List.of("10.0.0.7"));
    refused(p, "http://kafka/", "deny-list");
  }

  @Test
  void aListEntryThatIsNoHostAddressOrRangeIsRefusedWithItsText() {
    assertThatThrownBy(() -> policy(List.of("10.0.0.0/40"), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'10.0.0.0/40' has a bad prefix length");
    assertThatThrownBy(() -> policy(List.of(), List.of("http://x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'http://x' is not an address or a CIDR range");
    assertThatThrownBy(() -> policy(List.of("a b"), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'a b' is neither a host name, an address nor a CIDR range");
  }
}
