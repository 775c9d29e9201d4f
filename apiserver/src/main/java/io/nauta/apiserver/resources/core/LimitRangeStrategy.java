package io.nauta.apiserver.resources.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.api.validation.FieldPath;
import io.nauta.apiserver.registry.Printing;
import io.nauta.apiserver.registry.ResourceStrategy;
import io.nauta.apiserver.registry.TableColumn;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.table.Columns;
import io.nauta.apiserver.resources.validation.ErrorList;
import io.nauta.apiserver.resources.validation.Quantities;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * LimitRanges: container items default {@code default} from {@code max} and {@code defaultRequest}
 * from {@code default} or {@code min}; item types are unique, quantities valid and {@code min <=
 * max}. Kubernetes has no printer for them, so the table is NAME and CREATED AT.
 */
public final class LimitRangeStrategy implements ResourceStrategy {
  private static final List<String> LISTS =
      List.of("max", "min", "default", "defaultRequest", "maxLimitRequestRatio");

  @Override
  public void prepareForCreate(ObjectNode lr) {
    defaults(lr);
  }

  @Override
  public void prepareForUpdate(ObjectNode lr, ObjectNode old) {
    defaults(lr);
  }

  private static void defaults(ObjectNode lr) {
    for (ObjectNode item : Json.objects(lr, "spec", "limits")) {
      if (!Json.text(item, "type").equals("Container")) {
        continue;
      }
      Map<String, JsonNode> dflt = fields(item.get("default"));
      fields(item.get("max")).forEach(dflt::putIfAbsent);
      Map<String, JsonNode> request = fields(item.get("defaultRequest"));
      dflt.forEach(request::putIfAbsent);
      fields(item.get("min")).forEach(request::putIfAbsent);
      if (!dflt.isEmpty()) {
        ObjectNode d = item.putObject("default");
        dflt.forEach((k, v) -> d.set(k, v.deepCopy()));
      }
      if (!request.isEmpty()) {
        ObjectNode r = item.putObject("defaultRequest");
        request.forEach((k, v) -> r.set(k, v.deepCopy()));
      }
    }
  }

  private static Map<String, JsonNode> fields(JsonNode n) {
    Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
    if (n != null && n.isObject()) {
      n.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
    }
    return out;
  }

  @Override
  public List<FieldError> validate(ObjectNode lr) {
    ErrorList errs = new ErrorList();
    Set<String> types = new HashSet<>();
    List<ObjectNode> items = Json.objects(lr, "spec", "limits");
    for (int i = 0; i < items.size(); i++) {
      ObjectNode item = items.get(i);
      FieldPath ip = FieldPath.of("spec").child("limits").index(i);
      String type = Json.text(item, "type");
      if (!types.add(type)) {
        errs.duplicate(ip.child("type"), type);
      }
      Map<String, Map<String, BigDecimal>> values = new HashMap<>();
      for (String list : LISTS) {
        Map<String, BigDecimal> parsed = new HashMap<>();
        values.put(list, parsed);
        fields(item.get(list))
            .forEach(
                (k, v) -> {
                  FieldPath fp = ip.child(list).key(k);
                  errs.qualifiedName(fp, k);
                  Quantities.check(errs, fp, v).ifPresent(q -> parsed.put(k, q));
                });
      }
      values
          .get("min")
          .forEach(
              (k, min) -> {
                BigDecimal max = values.get("max").get(k);
                if (max != null && min.compareTo(max) > 0) {
                  errs.invalid(
                      ip.child("min").key(k),
                      Json.text(item, "min", k),
                      "min value "
                          + Json.text(item, "min", k)
                          + " is greater than max value "
                          + Json.text(item, "max", k));
                }
              });
    }
    return errs.toList();
  }

  @Override
  public List<TableColumn> columns() {
    return List.of(TableColumn.NAME, Columns.CREATED_AT);
  }

  @Override
  public List<Object> cells(ObjectNode lr, Instant now) {
    return List.of(Printing.name(lr), Columns.createdAt(lr));
  }
}
