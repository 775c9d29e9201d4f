package io.nauta.api.labels;

import com.fasterxml.jackson.databind.JsonNode;
import io.nauta.api.selection.Operator;
import io.nauta.api.selection.SelectorParseException;
import io.nauta.api.validation.FieldError;
import io.nauta.api.validation.FieldPath;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable label selector: the AND of its {@link Requirement}s, kept sorted by key (stably, so
 * requirements on one key keep their written order).
 *
 * <p>Two special selectors exist, and the difference matters for API objects: {@link #everything()}
 * (no requirements; what the empty string and an empty {@code {}} selector object mean) matches
 * every label set, while {@link #nothing()} (what a null or absent selector <em>object</em> means,
 * e.g. a PodDisruptionBudget without {@code spec.selector}) matches none. Both render as {@code
 * ""}; use {@link #matchesNothing()} to tell them apart.
 *
 * <p>Instances are thread-safe; equality is by requirements (and the nothing flag).
 */
public final class LabelSelector {
  private static final LabelSelector EVERYTHING = new LabelSelector(List.of(), false);
  private static final LabelSelector NOTHING = new LabelSelector(List.of(), true);

  private final List<Requirement> requirements;
  private final boolean nothing;

  private LabelSelector(List<Requirement> requirements, boolean nothing) {
    this.requirements = requirements;
    this.nothing = nothing;
  }

  /** The selector with no requirements, which matches every label set. */
  public static LabelSelector everything() {
    return EVERYTHING;
  }

  /** The selector that matches no label set; its string form is empty and cannot be parsed back. */
  public static LabelSelector nothing() {
    return NOTHING;
  }

  /**
   * The AND of {@code requirements}, sorted by key; no requirements means {@link #everything()}.
   */
  public static LabelSelector of(Collection<Requirement> requirements) {
    if (requirements.isEmpty()) {
      return EVERYTHING;
    }
    List<Requirement> sorted = new ArrayList<>(requirements);
    sorted.sort(Comparator.comparing(Requirement::key)); // List.sort is stable
    return new LabelSelector(List.copyOf(sorted), false);
  }

  /** Shorthand for {@link #of(Collection)}. */
  public static LabelSelector of(Requirement... requirements) {
    return of(List.of(requirements));
  }

  /**
   * The selector matching labels that include all of {@code labels} ({@code k1=v1,k2=v2...}); empty
   * means {@link #everything()}.
   *
   * @throws SelectorParseException when a key or value is not valid
   */
  public static LabelSelector fromSet(Map<String, String> labels) {
    List<Requirement> reqs = new ArrayList<>();
    labels.forEach((k, v) -> reqs.add(Requirement.of(k, Operator.EQUALS, v)));
    return of(reqs);
  }

  /**
   * Parses the string syntax used by {@code ?labelSelector=} and {@code kubectl -l}: comma
   * separated requirements {@code k=v}, {@code k==v}, {@code k!=v}, {@code k in (v1,v2)}, {@code k
   * notin (v)}, {@code k}, {@code !k}, {@code k>n}, {@code k<n}; whitespace between tokens is
   * ignored. Null, empty or blank input means {@link #everything()}.
   *
   * @throws SelectorParseException (and nothing else) when the input is malformed, with a message
   *     worded as Kubernetes words it, e.g. {@code unable to parse requirement: found '', expected:
   *     in, notin, =, ==, !=, gt, lt}
   */
  public static LabelSelector parse(String selector) {
    if (selector == null) {
      return EVERYTHING;
    }
    return of(SelectorParser.parse(selector));
  }

  /**
   * Converts a {@code metav1.LabelSelector} object ({@code matchLabels} and {@code
   * matchExpressions} with operators {@code In}, {@code NotIn}, {@code Exists}, {@code
   * DoesNotExist}). A null, missing or JSON-null node means {@link #nothing()}; an object with no
   * labels and no expressions means {@link #everything()}. Unknown fields are ignored.
   *
   * @throws SelectorParseException (and nothing else) when the object is malformed; the message
   *     lists every problem as {@link #validate} reports it
   */
  public static LabelSelector fromJson(JsonNode node) {
    return LabelSelectorJson.fromJson(node);
  }

  /**
   * Validates a {@code metav1.LabelSelector} object as an API field (e.g. {@code spec.selector}),
   * reporting problems under {@code path}, worded as Kubernetes' {@code ValidateLabelSelector}. An
   * absent selector is valid. Never throws.
   */
  public static List<FieldError> validate(JsonNode node, FieldPath path) {
    return LabelSelectorJson.validate(node, path);
  }

  /**
   * Whether {@code labels} satisfy every requirement. Always true for {@link #everything()}, always
   * false for {@link #nothing()}.
   *
   * @param labels the object's labels; null means none
   */
  public boolean matches(Map<String, String> labels) {
    if (nothing) {
      return false;
    }
    for (Requirement r : requirements) {
      if (!r.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  /** True when the selector does not restrict anything (not true for {@link #nothing()}). */
  public boolean isEmpty() {
    return !nothing && requirements.isEmpty();
  }

  /** True only for {@link #nothing()}. */
  public boolean matchesNothing() {
    return nothing;
  }

  /** The requirements, sorted by key; empty for both special selectors. */
  public List<Requirement> requirements() {
    return requirements;
  }

  /**
   * The single value {@code key} must have, when the selector pins it with {@code =}, {@code ==} or
   * a one-value {@code in}; lets a server serve the request from an index.
   */
  public Optional<String> requiresExactMatch(String key) {
    for (Requirement r : requirements) {
      if (r.key().equals(key)) {
        boolean exact =
            r.operator() == Operator.EQUALS
                || r.operator() == Operator.DOUBLE_EQUALS
                || r.operator() == Operator.IN;
        return exact && r.values().size() == 1 ? Optional.of(r.values().get(0)) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** This selector with {@code more} requirements added; {@link #nothing()} stays nothing. */
  public LabelSelector and(Requirement... more) {
    if (nothing) {
      return this;
    }
    List<Requirement> all = new ArrayList<>(requirements);
    all.addAll(List.of(more));
    return of(all);
  }

  /**
   * The canonical string form: requirements joined by {@code ,} in key order, each as {@link
   * Requirement#toString()}. Empty for both special selectors.
   */
  @Override
  public String toString() {
    return String.join(",", requirements.stream().map(Requirement::toString).toList());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelSelector other
        && nothing == other.nothing
        && requirements.equals(other.requirements);
  }

  @Override
  public int hashCode() {
    return requirements.hashCode() * 31 + Boolean.hashCode(nothing);
  }
}
