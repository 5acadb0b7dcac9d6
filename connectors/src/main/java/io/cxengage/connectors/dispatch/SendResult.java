package io.cxengage.connectors.dispatch;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of one attempt. {@code httpStatus} is 0 when no response came back; {@code error} is
 * human-readable and free of secrets; {@code retryAfter} is the wait the service asked for (null
 * when it asked for none); {@code providerId} is the service's id for what was created (SendGrid
 * message id, Twilio SID, Salesforce record id), null when unknown.
 */
public record SendResult(
    Outcome outcome, int httpStatus, String error, Duration retryAfter, String providerId) {

  /** What the caller should do next. */
  public enum Outcome {
    /** The service accepted the send. */
    SENT,
    /** The attempt failed in a way another attempt may mend (timeout, 5xx, 408, 429). */
    RETRYABLE,
    /** No retry can mend it (bad credentials, a missing param, any other 4xx). */
    PERMANENT
  }

  public SendResult {
    Objects.requireNonNull(outcome, "outcome");
  }

  public static SendResult sent(int httpStatus, String providerId) {
    return new SendResult(Outcome.SENT, httpStatus, null, null, providerId);
  }

  public static SendResult retryable(int httpStatus, String error, Duration retryAfter) {
    return new SendResult(Outcome.RETRYABLE, httpStatus, error, retryAfter, null);
  }

  public static SendResult permanent(int httpStatus, String error) {
    return new SendResult(Outcome.PERMANENT, httpStatus, error, null, null);
  }

  public boolean isSent() {
    return outcome == Outcome.SENT;
  }
}
