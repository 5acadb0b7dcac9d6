package io.cxengage.connectors.listeners;

/**
 * A running subscription to one third-party stream for one listener. {@link #start()} returns at
 * once (the client connects, retries and reconnects on its own threads); {@link #close()} stops it
 * and returns once it has let go of the connection, or after a short time limit.
 */
public interface ListenerClient extends AutoCloseable {

  void start();

  @Override
  void close();
}
