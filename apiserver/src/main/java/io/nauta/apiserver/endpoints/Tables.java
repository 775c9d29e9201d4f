package io.nauta.apiserver.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.registry.TableColumn;
import java.time.Instant;
import java.util.List;

/** Converts objects to {@code meta.k8s.io} Tables with the kind's columns. */
final class Tables {
  private Tables() {}

  static ObjectNode table(
      ResourceType rt,
      List<ObjectNode> items,
      Output out,
      Instant now,
      boolean withColumns,
      ObjectNode listMeta) {
    ObjectNode t = Codec.JSON.createObjectNode();
    t.put("kind", "Table");
    t.put("apiVersion", out.tableApiVersion());
    t.set("metadata", listMeta == null ? Codec.JSON.createObjectNode() : listMeta);
    ArrayNode cols = t.putArray("columnDefinitions");
    if (withColumns) {
      for (TableColumn c : rt.strategy().columns()) {
        ObjectNode col = cols.addObject();
        col.put("name", c.name());
        col.put("type", c.type());
        col.put("format", c.format());
        col.put("description", c.description());
        col.put("priority", c.priority());
      }
    }
    ArrayNode rows = t.putArray("rows");
    for (ObjectNode item : items) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      for (Object cell : rt.strategy().cells(item, now)) {
        cells.add(cell == null ? Codec.JSON.nullNode() : Codec.JSON.valueToTree(cell));
      }
      switch (out.includeObject()) {
        case "None" -> {}
        case "Object" -> row.set("object", item);
        default -> row.set("object", partial(item));
      }
    }
    return t;
  }

  private static ObjectNode partial(ObjectNode item) {
    ObjectNode p = Codec.JSON.createObjectNode();
    p.put("kind", "PartialObjectMetadata");
    p.put("apiVersion", "meta.k8s.io/v1");
    JsonNode meta = item.get("metadata");
    p.set("metadata", meta == null ? Codec.JSON.createObjectNode() : meta.deepCopy());
    return p;
  }
}
