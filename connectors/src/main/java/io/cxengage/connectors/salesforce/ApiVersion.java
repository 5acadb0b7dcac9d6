package io.cxengage.connectors.salesforce;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Salesforce API version as a listener names it ({@code "26.0"}, also {@code "v26.0"}), for the
 * Streaming API path {@code /cometd/{version}}. Replay ({@code ext.replay}) exists from 37.0;
 * Salesforce retired versions 21.0 to 30.0 in Summer '25, so those still parse but carry a warning.
 */
public record ApiVersion(int major) {

  /** Used when a listener names no version: a current, supported one. */
  public static final ApiVersion DEFAULT = new ApiVersion(62);

  static final int FIRST_WITH_REPLAY = 37;
  static final int LAST_RETIRED = 30;
  private static final Pattern FORMAT = Pattern.compile("v?(\\d{2,3})\\.0");

  /**
   * The version a listener names; {@link #DEFAULT} when blank.
   *
   * @throws IllegalArgumentException when the text is not a version such as {@code 62.0}
   */
  public static ApiVersion parse(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT;
    }
    Matcher m = FORMAT.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "the listener's version '" + text + "' is not a Salesforce API version such as 62.0");
    }
    return new ApiVersion(Integer.parseInt(m.group(1)));
  }

  public boolean supportsReplay() {
    return major >= FIRST_WITH_REPLAY;
  }

  /** A warning for a version Salesforce no longer serves. */
  public Optional<String> retirementWarning() {
    if (major > LAST_RETIRED) {
      return Optional.empty();
    }
    return Optional.of(
        "API version "
            + this
            + " is retired (Salesforce retired 21.0 to 30.0 in Summer '25); set the listener's"
            + " version to "
            + DEFAULT);
  }

  @Override
  public String toString() {
    return major + ".0";
  }
}
