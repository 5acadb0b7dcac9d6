package io.cxengage.dsl.ast;

import io.cxengage.dsl.read.Position;
import java.io.Serializable;
import java.util.List;

/**
 * A checked {@code when} (dsl.md section 2). Aliases are resolved and {@code (when ...)} wrappers
 * removed; windows are in milliseconds. Each node keeps the position of its operator symbol.
 */
public sealed interface Trigger extends Serializable {

  Position position();

  /** {@code (event pred)}: one event for which the predicate holds. */
  record Event(Predicate predicate, Position position) implements Trigger {}

  /** {@code (count N trigger)}: N satisfactions, one after another. */
  record Count(int times, Trigger child, Position position) implements Trigger {}

  /** {@code (seq trigger+)}: in this order. May hold {@link Fail} and a final {@link Absent}. */
  record Seq(List<Trigger> steps, Position position) implements Trigger {}

  /** {@code (all trigger+)}: every one, in any order, interleaved. May hold {@link Fail}. */
  record All(List<Trigger> parts, Position position) implements Trigger {}

  /** {@code (any trigger+)}: the first of them to be satisfied. */
  record Any(List<Trigger> options, Position position) implements Trigger {}

  /** {@code (within N unit trigger)}: first to last event at most {@code millis} apart. */
  record Within(long millis, Trigger child, Position position) implements Trigger {}

  /** {@code (fail trigger)} inside all or seq: an occurrence cancels the partial match. */
  record Fail(Trigger cancel, Position position) implements Trigger {}

  /** {@code (absent N unit trigger)}, last step of a seq: completes if nothing happens. */
  record Absent(long millis, Trigger child, Position position) implements Trigger {}
}
