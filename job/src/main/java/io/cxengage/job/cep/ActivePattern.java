package io.cxengage.job.cep;

import io.cxengage.connectors.config.PatternDocument;
import io.cxengage.dsl.PatternLanguage;
import io.cxengage.dsl.compile.CompiledWhen;
import io.cxengage.dsl.event.CustomerEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.flink.cep.nfa.NFA;

/**
 * An enabled pattern of a tenant, compiled: its document, the version of its matching state and its
 * NFA. {@link #stateKey()} names its state under every customer key.
 */
public final class ActivePattern {

  private final PatternDocument document;
  private final String whenVersion;
  private final CompiledWhen compiled;
  private final NFA<CustomerEvent> nfa;
  private final String stateKey;
  private final Predicate<CustomerEvent> starts;
  private final Set<String> templateReferences;

  public ActivePattern(PatternDocument document, CompiledWhen compiled) {
    this.document = document;
    this.whenVersion = whenVersion(document.when());
    this.compiled = compiled;
    this.nfa = compiled.nfaFactory().createNFA();
    this.stateKey = document.id() + "#" + whenVersion;
    this.starts = NfaStarts.of(nfa).orElse(e -> true);
    // read once, not at every match: parsing `then` per match was 10% of a match-heavy workload
    this.templateReferences = PatternLanguage.templateReferences(document.then());
  }

  /**
   * Whether the event could start a partial match; false only when it certainly cannot, so that an
   * NFA without partial matches need not be run for it.
   */
  public boolean canStart(CustomerEvent event) {
    return starts.test(event);
  }

  /** The version of a pattern's matching state: a digest of its {@code when} text. */
  public static String whenVersion(String when) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(when.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public String id() {
    return document.id();
  }

  public PatternDocument document() {
    return document;
  }

  public String whenVersion() {
    return whenVersion;
  }

  /** {@code PT1#<version>}: the name of this version's state under a customer key. */
  public String stateKey() {
    return stateKey; // built once: it is looked up several times for every event
  }

  /** The stored templates ({@code +TMn}) the pattern's {@code then} uses. */
  public Set<String> templateReferences() {
    return templateReferences;
  }

  public CompiledWhen compiled() {
    return compiled;
  }

  public NFA<CustomerEvent> nfa() {
    return nfa;
  }
}
