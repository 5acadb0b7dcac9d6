package io.cxengage.job.reaction;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Set;

/** Masks params that look like secrets before a send is recorded on {@code cx.reactions}. */
final class SendMasking {

  static final String MASK = "********";
  private static final Set<String> SECRET_WORDS =
      Set.of("password", "secret", "token", "api-key", "apikey", "auth");

  private SendMasking() {}

  static ObjectNode mask(String integration, ObjectNode params) {
    ObjectNode copy = null;
    var names = params.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      String lower = name.toLowerCase(Locale.ROOT);
      if (SECRET_WORDS.stream().anyMatch(lower::contains)) {
        if (copy == null) {
          copy = params.deepCopy();
        }
        copy.put(name, MASK);
      }
    }
    return copy == null ? params : copy;
  }
}
