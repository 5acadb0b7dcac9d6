package io.cxengage.connectors.settings;

import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The values a service was started with: from the environment ({@code CX_PORT}) and flags ({@code
 * --port=8080}, which win), each read as the type it has, with a message naming the option when it
 * cannot be.
 */
public final class OptionValues<O extends Enum<O> & ServiceOption> {

  private final Map<O, String> values;

  private OptionValues(Map<O, String> values) {
    this.values = values;
  }

  /** The given values; the others take their defaults. */
  public static <O extends Enum<O> & ServiceOption> OptionValues<O> of(
      Class<O> type, Map<O, String> given) {
    Map<O, String> values = new EnumMap<>(type);
    values.putAll(given);
    return new OptionValues<>(values);
  }

  /** Reads the environment, then the flags; an unknown flag or argument is refused. */
  public static <O extends Enum<O> & ServiceOption> OptionValues<O> parse(
      Class<O> type, Map<String, String> environment, String... args) {
    Map<O, String> values = new EnumMap<>(type);
    for (O option : type.getEnumConstants()) {
      String value = environment.get(option.env());
      if (value != null && !value.isEmpty()) {
        values.put(option, value);
      }
    }
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("unknown argument '" + arg + "': use --option=value");
      }
      String flag = arg.substring(2, arg.indexOf('='));
      O option = null;
      for (O candidate : type.getEnumConstants()) {
        if (candidate.flag().equals(flag)) {
          option = candidate;
        }
      }
      if (option == null) {
        throw new IllegalArgumentException("unknown option --" + flag);
      }
      values.put(option, arg.substring(arg.indexOf('=') + 1));
    }
    return new OptionValues<>(values);
  }

  /** The value as given, without the default; null when not given. */
  public String given(O option) {
    return values.get(option);
  }

  /** The value or the default; null when neither is there. */
  public String text(O option) {
    return values.getOrDefault(option, option.defaultValue());
  }

  public long number(O option) {
    String text = text(option);
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException | NullPointerException e) {
      throw new IllegalArgumentException(
          "option " + option.display() + " must be a whole number, got '" + text + "'");
    }
  }

  public int integer(O option) {
    long value = number(option);
    if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
      throw new IllegalArgumentException("option " + option.display() + " is too large: " + value);
    }
    return (int) value;
  }

  public boolean bool(O option) {
    String text = String.valueOf(text(option)).trim();
    if (!text.equals("true") && !text.equals("false")) {
      throw new IllegalArgumentException(
          "option " + option.display() + " must be true or false, got '" + text + "'");
    }
    return Boolean.parseBoolean(text);
  }

  public Duration millis(O option) {
    return Duration.ofMillis(number(option));
  }

  public URI uri(O option) {
    String text = text(option);
    try {
      return URI.create(text.trim());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "option " + option.display() + " must be a URL, got '" + text + "'");
    }
  }

  /** Refuses the configuration, naming the option, unless {@code ok}. */
  public static void require(boolean ok, ServiceOption option, String problem) {
    if (!ok) {
      throw new IllegalArgumentException("option " + option.display() + " " + problem);
    }
  }
}
