package io.nauta.node.proxy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The content of the proxy's nft table as values: chains with their rules, sets (ClientIP affinity)
 * and verdict maps with their elements. Two rulesets compare equal exactly when they program the
 * same table; {@link NftScript} turns one, or the step from one to another, into an {@code nft -f}
 * transaction. Immutable once built.
 *
 * @param chains by name; a chain's rules are in order
 * @param sets by name
 * @param maps by name
 */
public record Ruleset(Map<String, Chain> chains, Map<String, NftSet> sets, Map<String, Vmap> maps) {

  /**
   * A chain.
   *
   * @param spec what follows {@code add chain TABLE NAME}: empty for a regular chain, {@code { type
   *     ... hook ... priority ...; }} for a base chain
   * @param rules each rule's text as nft reads it
   */
  public record Chain(String name, String spec, List<String> rules) {
    public Chain {
      rules = List.copyOf(rules);
    }
  }

  /**
   * A named set.
   *
   * @param spec what follows {@code add set TABLE NAME}, e.g. {@code { type ipv4_addr; ... }}
   */
  public record NftSet(String name, String spec) {}

  /**
   * A named verdict map.
   *
   * @param elements key (as nft reads it) → verdict ({@code goto CHAIN}, {@code drop})
   */
  public record Vmap(String name, String spec, SortedMap<String, String> elements) {
    public Vmap {
      elements = Collections.unmodifiableSortedMap(new TreeMap<>(elements));
    }
  }

  /** One element of a verdict map. */
  public record Element(String map, String key, String verdict) {}

  /**
   * What one service port adds to a ruleset: its chains, sets and map elements. Parts are kept
   * between builds and added again as they are when their service port did not change, which makes
   * both building and comparing rulesets cheap (unchanged chains are the same objects).
   */
  public record Part(List<Chain> chains, List<NftSet> sets, List<Element> elements) {
    public Part {
      chains = List.copyOf(chains);
      sets = List.copyOf(sets);
      elements = List.copyOf(elements);
    }
  }

  public Ruleset {
    chains = Collections.unmodifiableMap(new LinkedHashMap<>(chains));
    sets = Collections.unmodifiableMap(new LinkedHashMap<>(sets));
    maps = Collections.unmodifiableMap(new LinkedHashMap<>(maps));
  }

  /** The chain named {@code name}, if any. */
  public Optional<Chain> chain(String name) {
    return Optional.ofNullable(chains.get(name));
  }

  /** The verdict of {@code key} in map {@code map}, if it has one. */
  public Optional<String> verdict(String map, String key) {
    Vmap m = maps.get(map);
    return m == null ? Optional.empty() : Optional.ofNullable(m.elements().get(key));
  }

  /** The number of rules in all chains. */
  public int ruleCount() {
    return chains.values().stream().mapToInt(c -> c.rules().size()).sum();
  }

  /** Collects a ruleset; chains, sets and maps keep the order they were added in. */
  public static final class Builder {
    private final Map<String, Chain> chains = new LinkedHashMap<>();
    private final Map<String, NftSet> sets = new LinkedHashMap<>();
    private final Map<String, String> mapSpecs = new LinkedHashMap<>();
    private final Map<String, SortedMap<String, String>> elements = new LinkedHashMap<>();

    /** Adds a chain; a second chain of the same name is a bug in the caller. */
    public Builder chain(String name, String spec, List<String> rules) {
      if (chains.putIfAbsent(name, new Chain(name, spec, new ArrayList<>(rules))) != null) {
        throw new IllegalStateException("chain " + name + " added twice");
      }
      return this;
    }

    /** Adds the chains, sets and elements of {@code part}. */
    public Builder add(Part part) {
      for (Chain c : part.chains()) {
        if (chains.putIfAbsent(c.name(), c) != null) {
          throw new IllegalStateException("chain " + c.name() + " added twice");
        }
      }
      part.sets().forEach(set -> sets.put(set.name(), set));
      part.elements().forEach(e -> element(e.map(), e.key(), e.verdict()));
      return this;
    }

    public Builder set(String name, String spec) {
      sets.put(name, new NftSet(name, spec));
      return this;
    }

    public Builder map(String name, String spec) {
      mapSpecs.put(name, spec);
      elements.put(name, new TreeMap<>());
      return this;
    }

    public Builder element(String map, String key, String verdict) {
      elements.get(map).put(key, verdict);
      return this;
    }

    public Ruleset build() {
      Map<String, Vmap> maps = new LinkedHashMap<>();
      mapSpecs.forEach((n, spec) -> maps.put(n, new Vmap(n, spec, elements.get(n))));
      return new Ruleset(chains, sets, maps);
    }
  }
}
