package io.cxengage.job.augment;

/**
 * Why an API augment gave nothing for a subject. The message is safe to log: it names the problem,
 * never the subject's attributes nor the answer's body.
 */
public final class AugmentFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public AugmentFailure(String message) {
    super(message, null, false, false);
  }
}
