package io.nauta.node.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a ruleset means, so tests assert on meaning (which backends a service reaches, what
 * gets masqueraded) rather than on text layout.
 */
final class RulesetReader {
  private static final Pattern GOTO = Pattern.compile("goto (\\S+?)(?:,| }|$)");
  private static final Pattern DNAT = Pattern.compile("dnat to (\\S+)$");

  private final Ruleset rules;

  RulesetReader(Ruleset rules) {
    this.rules = rules;
  }

  /** The verdict for {@code key} in {@code map}, or null. */
  String verdict(String map, String key) {
    return rules.verdict(map, key).orElse(null);
  }

  /** The rules of {@code chain}; fails when it does not exist. */
  List<String> rules(String chain) {
    return rules
        .chain(chain)
        .orElseThrow(
            () -> new AssertionError("no chain " + chain + " in " + rules.chains().keySet()))
        .rules();
  }

  /** The chain a {@code goto CHAIN} verdict names. */
  static String target(String verdict) {
    if (verdict == null || !verdict.startsWith("goto ")) {
      throw new AssertionError("not a goto: " + verdict);
    }
    return verdict.substring("goto ".length());
  }

  /**
   * The addresses ({@code ip:port}) the random choice in {@code chain} spreads over, following a
   * final {@code goto} to another service chain.
   */
  List<String> backends(String chain) {
    for (String rule : rules(chain)) {
      if (rule.startsWith("numgen random mod ")) {
        List<String> targets = new ArrayList<>();
        Matcher m = GOTO.matcher(rule);
        while (m.find()) {
          targets.add(dnat(m.group(1)));
        }
        int n = Integer.parseInt(rule.split(" ")[3]);
        if (n != targets.size()) {
          throw new AssertionError("mod " + n + " over " + targets.size() + " targets: " + rule);
        }
        return targets;
      }
      if (rule.startsWith("goto ")) {
        return backends(target(rule));
      }
    }
    return List.of();
  }

  /** Where {@code endpointChain} DNATs to. */
  String dnat(String endpointChain) {
    for (String rule : rules(endpointChain)) {
      Matcher m = DNAT.matcher(rule);
      if (m.find()) {
        return m.group(1);
      }
    }
    throw new AssertionError("no dnat in " + endpointChain);
  }

  /** Whether {@code chain} marks traffic for masquerade with no condition. */
  boolean marksAll(String chain) {
    return rules(chain).contains("jump " + ProxyRules.MARK_FOR_MASQUERADE);
  }
}
