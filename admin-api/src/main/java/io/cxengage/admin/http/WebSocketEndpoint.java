package io.cxengage.admin.http;

import io.javalin.http.Handler;
import io.javalin.websocket.WsConfig;
import java.util.function.Consumer;

/**
 * The WebSocket side of a route: a check that runs on the upgrade request before the upgrade (an
 * {@code ApiException} there answers with its status and JSON body, and no socket is opened), and
 * the handlers of the socket.
 */
public record WebSocketEndpoint(Handler beforeUpgrade, Consumer<WsConfig> socket) {}
