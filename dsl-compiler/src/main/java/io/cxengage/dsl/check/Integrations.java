package io.cxengage.dsl.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The integrations of dsl.md section 3, their actions and each action's mandatory params. */
public final class Integrations {

  /**
   * integration → action → mandatory params, in the order of dsl.md's table: error messages list
   * them in this order, so they read the same on every run.
   */
  static final Map<String, Map<String, List<String>>> CATALOG = new LinkedHashMap<>();

  static {
    CATALOG.put("echo", actions("message", List.of()));
    CATALOG.put("generic", actions("message", List.of("body")));
    CATALOG.put("sendgrid", actions("email", List.of("to", "subject")));
    Map<String, List<String>> twilio = actions("sms", List.of("to-phone-number", "message"));
    twilio.put("call", List.of("to-phone-number"));
    CATALOG.put("twilio", twilio);
    CATALOG.put("pusher", actions("event", List.of("channel", "event")));
    Map<String, List<String>> salesforce = new LinkedHashMap<>();
    for (String object : List.of("task", "lead", "case", "opportunity")) {
      salesforce.put(object, List.of());
    }
    CATALOG.put("salesforce", salesforce);
  }

  private static Map<String, List<String>> actions(String action, List<String> mandatory) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    out.put(action, mandatory);
    return out;
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
