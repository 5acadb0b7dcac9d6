package io.cxengage.job.reaction;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The deterministic id of a send: a digest of the tenant, the pattern and its version, the ids of
 * the match's events and the step's position in the plan. A retry or a replay of the same match
 * produces the same id, so a send already delivered can be recognised.
 */
public final class SendIds {

  private SendIds() {}

  public static String of(
      String tenant, String patternId, String whenVersion, List<String> eventIds, String stepPath) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String part :
          List.of(tenant, patternId, whenVersion, String.join(",", eventIds), stepPath)) {
        md.update(part.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      return HexFormat.of().formatHex(md.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
