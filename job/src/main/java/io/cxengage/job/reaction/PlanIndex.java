package io.cxengage.job.reaction;

import io.cxengage.dsl.plan.Reaction;
import java.util.HashMap;
import java.util.Map;

/**
 * Every node of a reaction plan by its path, with its parent: the executor keeps only paths in its
 * state, so that a run survives a checkpoint as plain data.
 */
final class PlanIndex {

  private final Reaction root;
  private final Map<String, Reaction> nodes = new HashMap<>();
  private final Map<String, String> parents = new HashMap<>();

  PlanIndex(Reaction root) {
    this.root = root;
    add(root, null);
  }

  private void add(Reaction node, String parent) {
    nodes.put(node.path(), node);
    if (parent != null) {
      parents.put(node.path(), parent);
    }
    if (node instanceof Reaction.Seq s) {
      s.steps().forEach(c -> add(c, node.path()));
    } else if (node instanceof Reaction.Par p) {
      p.branches().forEach(c -> add(c, node.path()));
    } else if (node instanceof Reaction.If i) {
      if (i.success() != null) {
        add(i.success(), node.path());
      }
      if (i.failure() != null) {
        add(i.failure(), node.path());
      }
    }
    if (node.options().success() != null) {
      add(node.options().success(), node.path());
    }
    if (node.options().failure() != null) {
      add(node.options().failure(), node.path());
    }
  }

  Reaction root() {
    return root;
  }

  Reaction node(String path) {
    Reaction n = nodes.get(path);
    if (n == null) {
      throw new IllegalStateException("no step " + path + " in the plan");
    }
    return n;
  }

  /** The parent's path, or null for the root. */
  String parent(String path) {
    return parents.get(path);
  }

  /**
   * Whether {@code child} is an option branch ({@code success}/{@code failure}) of {@code owner}.
   */
  boolean isOptionBranch(String owner, String child) {
    Reaction o = node(owner);
    return (o.options().success() != null && o.options().success().path().equals(child))
        || (o.options().failure() != null && o.options().failure().path().equals(child));
  }
}
