package io.nauta.node.proxy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code nft -f} transactions for the proxy's table (pure). A script is applied as one transaction:
 * the kernel holds either the ruleset before it or the one after it.
 *
 * <ul>
 *   <li>{@link #replace}: the whole table, dropping whatever table of that name exists (one left by
 *       a crashed agent, or one in an unknown state after a failed apply);
 *   <li>{@link #update}: only what differs from the ruleset applied last, so a change costs in
 *       proportion to what changed and affinity sets of unchanged endpoints keep their clients;
 *   <li>{@link #touch}: a no-op that fails when the table is gone;
 *   <li>{@link #delete}: removes the table, whether or not it exists.
 * </ul>
 */
public final class NftScript {
  /** Elements per {@code add element} statement: keeps lines short for nft's parser. */
  private static final int ELEMENTS_PER_LINE = 500;

  private final String table;

  public NftScript(String table) {
    this.table = table;
  }

  /** Replaces any table of this name by {@code rules}. */
  public String replace(Ruleset rules) {
    StringBuilder s = new StringBuilder();
    line(s, "add table ip " + table); // so that the delete cannot fail
    line(s, "delete table ip " + table);
    line(s, "add table ip " + table);
    rules.chains().values().forEach(c -> addChain(s, c));
    rules.sets().values().forEach(set -> line(s, "add set " + at(set.name()) + " " + set.spec()));
    rules.maps().values().forEach(m -> line(s, "add map " + at(m.name()) + " " + m.spec()));
    rules.chains().values().forEach(c -> addRules(s, c));
    rules.maps().values().forEach(m -> addElements(s, m.name(), m.elements()));
    return s.toString();
  }

  /**
   * Turns the table holding {@code from} into one holding {@code to}; empty when they are equal.
   * Valid only if the kernel holds exactly {@code from}.
   */
  public String update(Ruleset from, Ruleset to) {
    StringBuilder s = new StringBuilder();
    Set<String> dirty = dirtyChains(from, to);
    // 1. map elements that go or change, so no element refers to a chain deleted below
    for (var m : from.maps().values()) {
      var next = to.maps().get(m.name());
      if (next != null && next.spec().equals(m.spec())) {
        List<String> gone = new ArrayList<>();
        m.elements()
            .forEach(
                (k, v) -> {
                  if (!v.equals(next.elements().get(k))) {
                    gone.add(k);
                  }
                });
        deleteElements(s, m.name(), gone);
      }
    }
    // 2. empty the chains that change or go, so no rule refers to what is deleted below
    for (var c : from.chains().values()) {
      if (dirty.contains(c.name())) {
        line(s, "flush chain " + at(c.name()));
      }
    }
    // 3. delete what goes (or changes its type)
    for (var m : from.maps().values()) {
      var next = to.maps().get(m.name());
      if (next == null || !next.spec().equals(m.spec())) {
        line(s, "delete map " + at(m.name()));
      }
    }
    for (var set : from.sets().values()) {
      if (!set.equals(to.sets().get(set.name()))) {
        line(s, "delete set " + at(set.name()));
      }
    }
    for (var c : from.chains().values()) {
      var next = to.chains().get(c.name());
      if (next == null || !next.spec().equals(c.spec())) {
        line(s, "delete chain " + at(c.name()));
      }
    }
    // 4. create what is new, then fill what is new or was emptied
    for (var c : to.chains().values()) {
      var prev = from.chains().get(c.name());
      if (prev == null || !prev.spec().equals(c.spec())) {
        addChain(s, c);
      }
    }
    for (var set : to.sets().values()) {
      if (!set.equals(from.sets().get(set.name()))) {
        line(s, "add set " + at(set.name()) + " " + set.spec());
      }
    }
    for (var m : to.maps().values()) {
      var prev = from.maps().get(m.name());
      if (prev == null || !prev.spec().equals(m.spec())) {
        line(s, "add map " + at(m.name()) + " " + m.spec());
      }
    }
    for (var c : to.chains().values()) {
      if (!from.chains().containsKey(c.name()) || dirty.contains(c.name())) {
        addRules(s, c);
      }
    }
    for (var m : to.maps().values()) {
      var prev = from.maps().get(m.name());
      boolean recreated = prev == null || !prev.spec().equals(m.spec());
      SortedMap<String, String> added = new TreeMap<>();
      m.elements()
          .forEach(
              (k, v) -> {
                if (recreated || !Objects.equals(prev.elements().get(k), v)) {
                  added.put(k, v);
                }
              });
      addElements(s, m.name(), added);
    }
    return s.toString();
  }

  /**
   * The chains of {@code from} to flush: those that change or go, and those whose rules name a set
   * that is deleted or re-created (a set still referenced cannot be deleted).
   */
  private static Set<String> dirtyChains(Ruleset from, Ruleset to) {
    Set<String> changedSets = new HashSet<>();
    for (var set : from.sets().values()) {
      if (!set.equals(to.sets().get(set.name()))) {
        changedSets.add(set.name());
      }
    }
    Set<String> dirty = new HashSet<>();
    for (var c : from.chains().values()) {
      if (!c.equals(to.chains().get(c.name())) || namesAny(c, changedSets)) {
        dirty.add(c.name());
      }
    }
    return dirty;
  }

  private static boolean namesAny(Ruleset.Chain c, Set<String> sets) {
    if (sets.isEmpty()) {
      return false;
    }
    for (String rule : c.rules()) {
      for (String word : rule.split(" ")) {
        if (word.startsWith("@") && sets.contains(word.substring(1))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Rewrites the rules of {@code rules}' first chain with the same rules: changes nothing, but
   * fails when the table (or that chain) is no longer there, e.g. deleted by hand.
   */
  public String touch(Ruleset rules) {
    StringBuilder s = new StringBuilder();
    Ruleset.Chain first = rules.chains().values().iterator().next();
    line(s, "flush chain " + at(first.name()));
    addRules(s, first);
    return s.toString();
  }

  /** Deletes the table if it exists. */
  public String delete() {
    return "add table ip " + table + "\ndelete table ip " + table + "\n";
  }

  private void addChain(StringBuilder s, Ruleset.Chain c) {
    line(s, "add chain " + at(c.name()) + (c.spec().isEmpty() ? "" : " " + c.spec()));
  }

  private void addRules(StringBuilder s, Ruleset.Chain c) {
    for (String rule : c.rules()) {
      line(s, "add rule " + at(c.name()) + " " + rule);
    }
  }

  private void addElements(StringBuilder s, String map, Map<String, String> elements) {
    List<String> items = new ArrayList<>();
    elements.forEach((k, v) -> items.add(k + " : " + v));
    for (int i = 0; i < items.size(); i += ELEMENTS_PER_LINE) {
      var chunk = items.subList(i, Math.min(items.size(), i + ELEMENTS_PER_LINE));
      line(s, "add element " + at(map) + " { " + String.join(", ", chunk) + " }");
    }
  }

  private void deleteElements(StringBuilder s, String map, List<String> keys) {
    for (int i = 0; i < keys.size(); i += ELEMENTS_PER_LINE) {
      var chunk = keys.subList(i, Math.min(keys.size(), i + ELEMENTS_PER_LINE));
      line(s, "delete element " + at(map) + " { " + String.join(", ", chunk) + " }");
    }
  }

  private String at(String name) {
    return "ip " + table + " " + name;
  }

  private static void line(StringBuilder s, String line) {
    s.append(line).append('\n');
  }
}
