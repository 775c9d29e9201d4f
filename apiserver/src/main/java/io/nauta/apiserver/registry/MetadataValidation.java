package io.nauta.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.api.validation.FieldError;
import io.nauta.api.validation.NameValidation;
import io.nauta.api.validation.ObjectMetaValidation;
import java.util.List;
import java.util.function.Function;

/** Validates {@code metadata} generically, with the name rule of the resource's strategy. */
final class MetadataValidation {
  private MetadataValidation() {}

  static Function<String, List<String>> nameValidator(ResourceType rt) {
    return switch (rt.strategy().nameRule()) {
      case DNS1123_SUBDOMAIN -> NameValidation::dns1123Subdomain;
      case DNS1123_LABEL -> NameValidation::dns1123Label;
      case DNS1035_LABEL -> NameValidation::dns1035Label;
      case PATH_SEGMENT -> NameValidation::pathSegmentName;
    };
  }

  static List<FieldError> validate(ResourceType rt, ObjectNode obj) {
    return ObjectMetaValidation.validate(obj.path("metadata"), rt.namespaced(), nameValidator(rt));
  }

  static List<FieldError> validateUpdate(ResourceType rt, ObjectNode obj, ObjectNode old) {
    List<FieldError> errs =
        new java.util.ArrayList<>(
            ObjectMetaValidation.validate(
                obj.path("metadata"), rt.namespaced(), nameValidator(rt)));
    errs.addAll(ObjectMetaValidation.validateUpdate(obj.path("metadata"), old.path("metadata")));
    return errs;
  }
}
