package io.cxengage.connectors.salesforce;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.cometd.bayeux.Channel;
import org.cometd.bayeux.Message;
import org.cometd.bayeux.client.ClientSession;

/**
 * Salesforce's replay extension of Bayeux: the handshake says {@code ext.replay = true} and each
 * subscription to the channel carries {@code ext.replay = {channel: replayId}}, the id of the last
 * event received, so that a new session (after a drop or a re-login) continues after it. Until an
 * event was seen, {@code -1} asks for new events only.
 *
 * <p>One instance lives as long as the listener's client, across sessions, so the position survives
 * every reconnection.
 */
final class ReplayExtension implements ClientSession.Extension {

  static final long NEW_EVENTS_ONLY = -1;

  private final String channel;
  private final AtomicLong lastReplayId = new AtomicLong(NEW_EVENTS_ONLY);

  ReplayExtension(String channel) {
    this.channel = channel;
  }

  /** Records the replay id of an event that has been handed on. */
  void seen(long replayId) {
    lastReplayId.accumulateAndGet(replayId, Math::max);
  }

  long lastReplayId() {
    return lastReplayId.get();
  }

  @Override
  public boolean sendMeta(ClientSession session, Message.Mutable message) {
    if (Channel.META_HANDSHAKE.equals(message.getChannel())) {
      message.getExt(true).put("replay", Boolean.TRUE);
    } else if (Channel.META_SUBSCRIBE.equals(message.getChannel())
        && channel.equals(message.get(Message.SUBSCRIPTION_FIELD))) {
      message.getExt(true).put("replay", Map.of(channel, lastReplayId.get()));
    }
    return true;
  }
}
