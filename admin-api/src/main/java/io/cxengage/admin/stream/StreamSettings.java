package io.cxengage.admin.stream;

import java.time.Duration;

/**
 * How the WebSocket relay treats its sockets (options {@code stream-*}, validated by {@code
 * AdminApiConfig}).
 *
 * @param queueLimit frames that may wait for one socket; one more and the client is disconnected as
 *     too slow (1008), so a stuck client holds a bounded amount of memory and never holds back the
 *     others
 * @param pingInterval a socket that was sent nothing for this long gets a ping, so proxies and NATs
 *     keep an idle connection open and a dead peer is found by TCP
 * @param idleTimeout a socket on which nothing could be written or read for this long is closed by
 *     Jetty; longer than {@code pingInterval}, so only a connection that takes no pings times out
 * @param recentSendIds send ids remembered to drop a message the job wrote twice
 * @param partitionRefresh how often the relay looks for partitions added to {@code cx.stream}
 */
public record StreamSettings(
    int queueLimit,
    Duration pingInterval,
    Duration idleTimeout,
    int recentSendIds,
    Duration partitionRefresh) {

  /** The defaults of the options. */
  public static StreamSettings defaults() {
    return new StreamSettings(
        256, Duration.ofSeconds(30), Duration.ofSeconds(120), 100_000, Duration.ofSeconds(30));
  }

  /** A copy with another queue limit. */
  public StreamSettings withQueueLimit(int limit) {
    return new StreamSettings(limit, pingInterval, idleTimeout, recentSendIds, partitionRefresh);
  }

  /** A copy with other ping and idle intervals. */
  public StreamSettings withPings(Duration ping, Duration idle) {
    return new StreamSettings(queueLimit, ping, idle, recentSendIds, partitionRefresh);
  }

  /** A copy that looks for new partitions at another interval. */
  public StreamSettings withPartitionRefresh(Duration refresh) {
    return new StreamSettings(queueLimit, pingInterval, idleTimeout, recentSendIds, refresh);
  }
}
