package io.cxengage.job.cep;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxengage.job.cep.DynamicPatternOperator.Ordering;
import org.junit.jupiter.api.Test;

class AnyFormTest {

  @Test
  void anyFiresOnTheFirstOptionToComplete() throws Exception {
    try (CepHarness h = new CepHarness(Ordering.EVENT_TIME)) {
      h.pattern("PT1", "(any (event (= type \"a\")) (count 2 (event (= type \"b\"))))");
      h.event("k", 1000, "{\"type\":\"b\"}");
      h.event("k", 2000, "{\"type\":\"a\"}");
      h.event("k", 3000, "{\"type\":\"b\"}");
      h.event("k", 4000, "{\"type\":\"b\"}");
      h.finish();
      assertThat(h.summary()).containsExactly("PT1 k@2000:[e1]", "PT1 k@4000:[e2, e3]");
    }
  }
}
