package io.nauta.apiserver.resources.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.api.validation.FieldPath;
import io.nauta.apiserver.registry.Printing;
import io.nauta.apiserver.registry.ResourceStrategy;
import io.nauta.apiserver.registry.TableColumn;
import io.nauta.apiserver.resources.json.Json;
import io.nauta.apiserver.resources.validation.ErrorList;
import java.time.Instant;
import java.util.List;

/** ServiceAccounts: referenced secrets need names; the table counts them. */
public final class ServiceAccountStrategy implements ResourceStrategy {

  @Override
  public List<FieldError> validate(ObjectNode sa) {
    ErrorList errs = new ErrorList();
    for (String list : List.of("secrets", "imagePullSecrets")) {
      List<ObjectNode> refs = Json.objects(sa, list);
      for (int i = 0; i < refs.size(); i++) {
        if (list.equals("imagePullSecrets") && Json.text(refs.get(i), "name").isEmpty()) {
          errs.required(FieldPath.of(list).index(i).child("name"), "");
        }
      }
    }
    return errs.toList();
  }

  @Override
  public List<TableColumn> columns() {
    return List.of(
        TableColumn.NAME,
        TableColumn.string("Secrets", "The number of secrets the service account references."),
        TableColumn.AGE);
  }

  @Override
  public List<Object> cells(ObjectNode sa, Instant now) {
    return List.of(Printing.name(sa), (long) Json.size(sa, "secrets"), Printing.age(sa, now));
  }
}
