package io.cxengage.dsl.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The integrations of dsl.md section 3, their actions and each action's mandatory params. */
public final class Integrations {

  /** integration → action → mandatory params. */
  static final Map<String, Map<String, List<String>>> CATALOG = new LinkedHashMap<>();

  static {
    CATALOG.put("echo", Map.of("message", List.of()));
    CATALOG.put("generic", Map.of("message", List.of("body")));
    CATALOG.put("sendgrid", Map.of("email", List.of("to", "subject")));
    CATALOG.put(
        "twilio",
        Map.of("sms", List.of("to-phone-number", "message"), "call", List.of("to-phone-number")));
    CATALOG.put("pusher", Map.of("event", List.of("channel", "event")));
    CATALOG.put(
        "salesforce",
        Map.of("task", List.of(), "lead", List.of(), "case", List.of(), "opportunity", List.of()));
  }

  private Integrations() {}

  public static Set<String> names() {
    return CATALOG.keySet();
  }

  /** Whether sends of this integration leave the machine (everything but echo and generic). */
  public static boolean isExternal(String integration) {
    return !integration.equals("echo") && !integration.equals("generic");
  }
}
