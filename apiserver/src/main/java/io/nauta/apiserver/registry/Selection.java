package io.nauta.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.fields.FieldSelector;
import io.nauta.api.fields.Requirement;
import io.nauta.api.labels.LabelSelector;
import io.nauta.api.selection.Operator;
import io.nauta.apiserver.status.ApiException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which objects a list or watch selects: a label selector and a field selector, checked against the
 * fields the kind supports. Immutable.
 */
public final class Selection implements Predicate<ObjectNode> {
  private final ResourceType rt;
  private final LabelSelector labels;
  private final FieldSelector fields;

  private Selection(ResourceType rt, LabelSelector labels, FieldSelector fields) {
    this.rt = rt;
    this.labels = labels;
    this.fields = fields;
  }

  /**
   * Parses the selectors of a request.
   *
   * @throws ApiException 400 for a malformed selector or an unsupported field
   */
  public static Selection of(ResourceType rt, String labelSelector, String fieldSelector) {
    LabelSelector ls = null;
    FieldSelector fs = null;
    if (labelSelector != null && !labelSelector.isBlank()) {
      try {
        ls = LabelSelector.parse(labelSelector);
      } catch (RuntimeException e) {
        // the parser's message already reads as Kubernetes' ("unable to parse requirement: ...")
        throw ApiException.badRequest(e.getMessage());
      }
    }
    if (fieldSelector != null && !fieldSelector.isBlank()) {
      try {
        fs = FieldSelector.parse(fieldSelector);
      } catch (RuntimeException e) {
        throw ApiException.badRequest("invalid field selector: " + e.getMessage());
      }
      for (Requirement r : fs.requirements()) {
        String f = r.field();
        if (!f.equals("metadata.name")
            && !(f.equals("metadata.namespace") && rt.namespaced())
            && !rt.strategy().selectableFields(sample(rt)).containsKey(f)) {
          throw ApiException.badRequest("field label not supported: " + f);
        }
      }
    }
    return new Selection(rt, ls, fs);
  }

  private static ObjectNode sample(ResourceType rt) {
    ObjectNode o = io.nauta.apiserver.codec.Codec.JSON.createObjectNode();
    o.put("apiVersion", rt.storageGroupVersion());
    o.put("kind", rt.kind());
    o.putObject("metadata");
    return o;
  }

  public boolean isEverything() {
    return labels == null && fields == null;
  }

  /** The single name a {@code metadata.name=x} field selector pins, or null. */
  public String singleName() {
    if (fields == null) {
      return null;
    }
    for (Requirement r : fields.requirements()) {
      if (r.field().equals("metadata.name")
          && (r.operator() == Operator.EQUALS || r.operator() == Operator.DOUBLE_EQUALS)) {
        return r.value();
      }
    }
    return null;
  }

  /** Tests an object in its storage version. */
  @Override
  public boolean test(ObjectNode obj) {
    if (labels != null && !labels.matches(Meta.labels(obj))) {
      return false;
    }
    if (fields != null) {
      Map<String, String> values = new HashMap<>(rt.strategy().selectableFields(obj));
      values.put("metadata.name", Meta.name(obj));
      if (rt.namespaced()) {
        values.put("metadata.namespace", Meta.namespace(obj));
      }
      return fields.matches(values);
    }
    return true;
  }
}
