package io.cxengage.connectors.dispatch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The one place where HTTP statuses and transport failures become outcomes: 2xx is sent; 408, 429
 * and 5xx are retryable; every other status is permanent; timeouts and connection failures are
 * retryable.
 */
public final class HttpOutcomes {

  /** Error bodies are cut to this length so a result stays a readable line. */
  static final int MAX_BODY_CHARS = 300;

  private HttpOutcomes() {}

  public static boolean isSuccess(int status) {
    return status >= 200 && status < 300;
  }

  public static boolean isRetryable(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  /**
   * The result of a non-2xx response. {@code what} names the call ("sendgrid email"), {@code
   * detail} is the service's explanation (its error body), {@code retryAfter} the wait it asked
   * for.
   */
  public static SendResult failure(int status, String what, String detail, Duration retryAfter) {
    String error = what + " failed with HTTP " + status + describe(detail);
    return isRetryable(status)
        ? SendResult.retryable(status, error, retryAfter)
        : SendResult.permanent(status, error);
  }

  /** The result of an exception thrown while calling a service. */
  public static SendResult failure(String what, Throwable thrown) {
    Throwable cause = unwrap(thrown);
    if (cause instanceof InvalidSendException invalid) {
      return SendResult.permanent(0, what + ": " + invalid.getMessage());
    }
    if (isTimeout(cause)) {
      return SendResult.retryable(0, what + " timed out: " + cause.getMessage(), null);
    }
    if (hasCause(cause, ConnectException.class)) {
      return SendResult.retryable(0, what + " could not connect: " + rootMessage(cause), null);
    }
    if (hasCause(cause, IOException.class)) {
      return SendResult.retryable(0, what + " failed on the network: " + rootMessage(cause), null);
    }
    // Anything else is unexpected; a bounded number of retries is the safer guess.
    return SendResult.retryable(
        0, what + " failed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage(), null);
  }

  static boolean isTimeout(Throwable thrown) {
    return hasCause(thrown, HttpTimeoutException.class)
        || hasCause(thrown, TimeoutException.class)
        || (hasCause(thrown, InterruptedIOException.class)
            && rootMessage(thrown).toLowerCase(java.util.Locale.ROOT).contains("timed out"));
  }

  private static Throwable unwrap(Throwable thrown) {
    Throwable t = thrown;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static boolean hasCause(Throwable thrown, Class<? extends Throwable> type) {
    for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable thrown) {
    Throwable root = thrown;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static String describe(String detail) {
    if (detail == null || detail.isBlank()) {
      return "";
    }
    String oneLine = detail.strip().replaceAll("\\s+", " ");
    return ": "
        + (oneLine.length() > MAX_BODY_CHARS
            ? oneLine.substring(0, MAX_BODY_CHARS) + "..."
            : oneLine);
  }
}
