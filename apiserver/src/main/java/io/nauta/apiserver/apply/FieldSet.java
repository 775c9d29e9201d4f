package io.nauta.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of field paths, as a tree keyed by the path elements of Kubernetes' {@code FieldsV1}
 * format: {@code f:<field>}, {@code k:<key object as JSON>} (an element of a keyed list), {@code
 * v:<value as JSON>} (an element of a set). A node is a <em>member</em> when the path ending there
 * belongs to the set; other nodes only lead to members. Mutable, not thread-safe.
 */
public final class FieldSet {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String SELF = ".";

  private boolean member;
  private final TreeMap<String, FieldSet> children = new TreeMap<>();

  /** Whether the path ending at this node is in the set. */
  public boolean member() {
    return member;
  }

  void markMember() {
    member = true;
  }

  /** The child under path element {@code element}, created if absent. */
  FieldSet child(String element) {
    return children.computeIfAbsent(element, e -> new FieldSet());
  }

  /** The child under {@code element}, or null. */
  FieldSet get(String element) {
    return children.get(element);
  }

  Map<String, FieldSet> children() {
    return children;
  }

  /** True when no path is in the set. */
  public boolean isEmpty() {
    if (member) {
      return false;
    }
    for (FieldSet c : children.values()) {
      if (!c.isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** True when {@code path} is a member. */
  public boolean contains(List<String> path) {
    FieldSet n = this;
    for (String e : path) {
      n = n.children.get(e);
      if (n == null) {
        return false;
      }
    }
    return n.member;
  }

  /** Adds {@code path} as a member. */
  public void add(List<String> path) {
    FieldSet n = this;
    for (String e : path) {
      n = n.child(e);
    }
    n.member = true;
  }

  /** A new set holding the members of both. */
  public FieldSet union(FieldSet other) {
    FieldSet r = copy();
    r.addAll(other);
    return r;
  }

  private void addAll(FieldSet other) {
    member |= other.member;
    other.children.forEach((k, v) -> child(k).addAll(v));
  }

  /** A new set holding the members of this set that are not members of {@code other}. */
  public FieldSet minus(FieldSet other) {
    FieldSet r = new FieldSet();
    r.member = member && (other == null || !other.member);
    for (Map.Entry<String, FieldSet> e : children.entrySet()) {
      FieldSet sub = e.getValue().minus(other == null ? null : other.children.get(e.getKey()));
      if (!sub.isEmpty()) {
        r.children.put(e.getKey(), sub);
      }
    }
    return r;
  }

  /** A new set holding the members in both sets. */
  public FieldSet intersect(FieldSet other) {
    FieldSet r = new FieldSet();
    r.member = member && other.member;
    for (Map.Entry<String, FieldSet> e : children.entrySet()) {
      FieldSet o = other.children.get(e.getKey());
      if (o != null) {
        FieldSet sub = e.getValue().intersect(o);
        if (!sub.isEmpty()) {
          r.children.put(e.getKey(), sub);
        }
      }
    }
    return r;
  }

  /** A deep copy. */
  public FieldSet copy() {
    FieldSet r = new FieldSet();
    r.addAll(this);
    return r;
  }

  /** Every member path, parents before their children. */
  public List<List<String>> paths() {
    List<List<String>> out = new ArrayList<>();
    collect(new ArrayList<>(), out);
    return out;
  }

  private void collect(List<String> prefix, List<List<String>> out) {
    if (member) {
      out.add(List.copyOf(prefix));
    }
    for (Map.Entry<String, FieldSet> e : children.entrySet()) {
      prefix.add(e.getKey());
      e.getValue().collect(prefix, out);
      prefix.remove(prefix.size() - 1);
    }
  }

  /** Member paths that have no member below them: the leaves values are compared at. */
  public List<List<String>> leafPaths() {
    List<List<String>> out = new ArrayList<>();
    for (List<String> p : paths()) {
      FieldSet n = this;
      for (String e : p) {
        n = n.children.get(e);
      }
      if (n.children.isEmpty() || n.minus(selfOnly()).isEmpty()) {
        out.add(p);
      }
    }
    return out;
  }

  private static FieldSet selfOnly() {
    FieldSet s = new FieldSet();
    s.member = true;
    return s;
  }

  /** The set in {@code FieldsV1} form: members are {@code {}}, or {@code "."} beside children. */
  public ObjectNode toFieldsV1() {
    ObjectNode o = F.objectNode();
    if (member && !children.isEmpty()) {
      o.putObject(SELF);
    }
    for (Map.Entry<String, FieldSet> e : children.entrySet()) {
      if (!e.getValue().isEmpty()) {
        o.set(e.getKey(), e.getValue().toFieldsV1());
      }
    }
    return o;
  }

  /**
   * Reads a {@code FieldsV1} object.
   *
   * @throws IllegalArgumentException if it is not one
   */
  public static FieldSet fromFieldsV1(JsonNode json) {
    if (json == null || json.isNull()) {
      return new FieldSet();
    }
    if (!json.isObject()) {
      throw new IllegalArgumentException("fieldsV1 must be an object");
    }
    FieldSet s = new FieldSet();
    read(s, json, true);
    return s;
  }

  private static void read(FieldSet node, JsonNode json, boolean root) {
    if (json.isEmpty() && !root) {
      node.member = true;
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      if (!e.getValue().isObject()) {
        throw new IllegalArgumentException("fieldsV1 entry " + k + " must be an object");
      }
      if (k.equals(SELF)) {
        node.member = true;
      } else if (k.startsWith("f:")
          || k.startsWith("k:")
          || k.startsWith("v:")
          || k.startsWith("i:")) {
        read(node.child(k), e.getValue(), false);
      } else {
        throw new IllegalArgumentException("fieldsV1 has an unknown path element \"" + k + "\"");
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldSet s && toFieldsV1().equals(s.toFieldsV1());
  }

  @Override
  public int hashCode() {
    return toFieldsV1().hashCode();
  }

  @Override
  public String toString() {
    return toFieldsV1().toString();
  }
}
