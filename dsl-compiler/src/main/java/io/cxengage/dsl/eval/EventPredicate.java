package io.cxengage.dsl.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.dsl.ast.Predicate;
import java.io.Serializable;
import java.util.List;

/**
 * A predicate prepared for evaluation over an event's attributes (a Jackson object). Built once per
 * pattern version by {@link #of(Predicate)}; evaluating it allocates nothing on the common paths
 * (strings and integers).
 */
public abstract class EventPredicate implements Serializable {

  private static final long serialVersionUID = 1L;

  public abstract boolean test(JsonNode attributes);

  /** Prepares a checked predicate. */
  public static EventPredicate of(Predicate predicate) {
    if (predicate instanceof Predicate.Compare c) {
      return new CompareTest(c.op(), new AttributePath(c.attribute()), new Comparison(c.value()));
    }
    if (predicate instanceof Predicate.Contains c) {
      return new ContainsTest(new AttributePath(c.attribute()), new Comparison(c.value()));
    }
    if (predicate instanceof Predicate.Exists e) {
      AttributePath path = new AttributePath(e.attribute());
      return new EventPredicate() {
        @Override
        public boolean test(JsonNode attributes) {
          return path.read(attributes) != null;
        }
      };
    }
    if (predicate instanceof Predicate.And a) {
      return new AllOf(a.all().stream().map(EventPredicate::of).toArray(EventPredicate[]::new));
    }
    if (predicate instanceof Predicate.Or o) {
      return anyOf(o.any().stream().map(EventPredicate::of).toList());
    }
    Predicate.Not n = (Predicate.Not) predicate;
    EventPredicate inner = of(n.negated());
    return new EventPredicate() {
      @Override
      public boolean test(JsonNode attributes) {
        return !inner.test(attributes);
      }
    };
  }

  /** True when any of the given predicates is. */
  public static EventPredicate anyOf(List<EventPredicate> predicates) {
    return predicates.size() == 1
        ? predicates.get(0)
        : new AnyOf(predicates.toArray(EventPredicate[]::new));
  }

  private static final class CompareTest extends EventPredicate {
    private static final long serialVersionUID = 1L;
    private final Predicate.Op op;
    private final AttributePath path;
    private final Comparison comparison;

    CompareTest(Predicate.Op op, AttributePath path, Comparison comparison) {
      this.op = op;
      this.path = path;
      this.comparison = comparison;
    }

    @Override
    public boolean test(JsonNode attributes) {
      JsonNode value = path.read(attributes);
      switch (op) {
        case EQ:
          return comparison.equalTo(value);
        case NE:
          return value != null && !comparison.equalTo(value);
        default:
          int c = comparison.compareTo(value);
          if (c == Comparison.ABSENT) {
            return false;
          }
          return switch (op) {
            case GT -> c > 0;
            case GE -> c >= 0;
            case LT -> c < 0;
            default -> c <= 0;
          };
      }
    }
  }

  private static final class ContainsTest extends EventPredicate {
    private static final long serialVersionUID = 1L;
    private final AttributePath path;
    private final Comparison comparison;

    ContainsTest(AttributePath path, Comparison comparison) {
      this.path = path;
      this.comparison = comparison;
    }

    @Override
    public boolean test(JsonNode attributes) {
      JsonNode value = path.read(attributes);
      if (value == null) {
        return false;
      }
      if (value.isTextual()) {
        return value.textValue().contains(comparison.text());
      }
      if (value.isArray()) {
        for (JsonNode element : value) {
          if (comparison.equalTo(element.isNull() ? null : element)) {
            return true;
          }
        }
      }
      return false;
    }
  }

  private static final class AllOf extends EventPredicate {
    private static final long serialVersionUID = 1L;
    private final EventPredicate[] parts;

    AllOf(EventPredicate[] parts) {
      this.parts = parts;
    }

    @Override
    public boolean test(JsonNode attributes) {
      for (EventPredicate p : parts) {
        if (!p.test(attributes)) {
          return false;
        }
      }
      return true;
    }
  }

  private static final class AnyOf extends EventPredicate {
    private static final long serialVersionUID = 1L;
    private final EventPredicate[] parts;

    AnyOf(EventPredicate[] parts) {
      this.parts = parts;
    }

    @Override
    public boolean test(JsonNode attributes) {
      for (EventPredicate p : parts) {
        if (p.test(attributes)) {
          return true;
        }
      }
      return false;
    }
  }
}
