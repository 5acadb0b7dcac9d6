package io.cxengage.admin.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamSocketTest {

  private final StreamMetrics metrics = new StreamMetrics(new PrometheusRegistry(), Map::of);
  private final HeldOutbound client = new HeldOutbound();
  private final StreamSocket socket = new StreamSocket("acme", client, 3, metrics, 0);

  @Test
  void aClientThatDoesNotKeepUpIsClosedWith1008OnceAndLaterFramesAreDropped() {
    assertThat(socket.send("m1", 1)).isTrue();
    assertThat(socket.send("m2", 2)).isTrue();
    assertThat(socket.send("m3", 3)).isTrue();

    assertThat(socket.send("m4", 4)).isFalse();
    assertThat(socket.send("m5", 5)).isFalse();

    assertThat(client.texts).containsExactly("m1", "m2", "m3");
    assertThat(client.closes)
        .containsExactly(
            new HeldOutbound.Close(1008, "too slow: more than 3 messages were waiting to be sent"));
    assertThat(socket.isOpen()).isFalse();
    assertThat(metrics.slowDisconnects()).isEqualTo(1);
  }

  @Test
  void aWrittenOrFailedFrameFreesItsPlaceInTheQueue() {
    socket.send("m1", 1);
    socket.send("m2", 2);
    socket.send("m3", 3);
    client.writeOne();
    client.failOne();
    assertThat(socket.queued()).isEqualTo(1);

    assertThat(socket.send("m4", 4)).isTrue();
    assertThat(socket.send("m5", 5)).isTrue();
    assertThat(client.closes).isEmpty();
    assertThat(metrics.framesDelivered()).isEqualTo(1);
  }

  @Test
  void onlyASocketThatWasSentNothingForAnIntervalIsPinged() {
    socket.pingIfIdle(99, 100);
    assertThat(client.pings).isZero();
    socket.pingIfIdle(100, 100);
    assertThat(client.pings).isEqualTo(1);
    socket.pingIfIdle(150, 100);
    assertThat(client.pings).isEqualTo(1);

    socket.send("m1", 180);
    client.writeOne();
    socket.pingIfIdle(279, 100);
    assertThat(client.pings).isEqualTo(1);
    socket.pingIfIdle(280, 100);
    assertThat(client.pings).isEqualTo(2);
  }

  @Test
  void aSocketWithFramesWaitingIsNotIdle() {
    socket.send("m1", 0);
    socket.pingIfIdle(1_000, 100);
    assertThat(client.pings).isZero();
  }

  @Test
  void aClosedSocketIsNeitherSentToNorPinged() {
    socket.close(StreamSocket.RECEIVE_ONLY, "this socket only receives");
    socket.close(StreamSocket.RECEIVE_ONLY, "again");
    assertThat(socket.send("m1", 1)).isFalse();
    socket.pingIfIdle(1_000, 100);
    assertThat(client.texts).isEmpty();
    assertThat(client.pings).isZero();
    assertThat(client.closes)
        .containsExactly(new HeldOutbound.Close(1003, "this socket only receives"));
  }

  @Test
  void aSendThatThrowsClosesOnlyThatSocket() {
    Outbound gone =
        new Outbound() {
          @Override
          public void sendText(
              String text, Runnable sent, java.util.function.Consumer<Throwable> failed) {
            throw new IllegalStateException("session closed");
          }

          @Override
          public void sendPing() {}

          @Override
          public void close(int status, String reason) {}
        };
    StreamSocket broken = new StreamSocket("acme", gone, 3, metrics, 0);
    TenantSockets sockets = new TenantSockets();
    sockets.add(broken);
    sockets.add(socket);

    assertThat(sockets.deliver("acme", "hello", 1)).isEqualTo(1);
    assertThat(client.texts).containsExactly("hello");
    assertThat(broken.isOpen()).isFalse();
    assertThat(sockets.open("acme")).isEqualTo(1);
  }

  @Test
  void tenantSocketsHandAMessageToTheTenantsSocketsAndForgetASlowOne() {
    TenantSockets sockets = new TenantSockets();
    HeldOutbound fast = new HeldOutbound();
    HeldOutbound slow = new HeldOutbound();
    HeldOutbound other = new HeldOutbound();
    sockets.add(new StreamSocket("acme", fast, 1, metrics, 0));
    sockets.add(new StreamSocket("acme", slow, 1, metrics, 0));
    sockets.add(new StreamSocket("globex", other, 1, metrics, 0));

    assertThat(sockets.deliver("acme", "hello", 1)).isEqualTo(2);
    fast.writeOne();
    assertThat(sockets.deliver("acme", "again", 2)).isEqualTo(1);
    assertThat(sockets.deliver("initech", "nobody", 3)).isZero();

    assertThat(fast.texts).containsExactly("hello", "again");
    assertThat(slow.texts).containsExactly("hello");
    assertThat(slow.closes).extracting(HeldOutbound.Close::status).isEqualTo(List.of(1008));
    assertThat(other.texts).isEmpty();
    assertThat(sockets.openByTenant()).isEqualTo(Map.of("acme", 1, "globex", 1));
  }
}
