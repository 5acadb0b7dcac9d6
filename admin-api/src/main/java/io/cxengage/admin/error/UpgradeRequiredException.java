package io.cxengage.admin.error;

import java.util.Map;

/** 426: a WebSocket path was asked for with a plain request rather than an upgrade. */
public class UpgradeRequiredException extends ApiException {

  private static final long serialVersionUID = 1L;

  public UpgradeRequiredException(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 426;
  }

  @Override
  public Map<String, String> headers() {
    return Map.of("Upgrade", "websocket", "Connection", "Upgrade");
  }
}
