package io.nauta.api.validation;

import static io.nauta.api.validation.ObjectMetaValidationTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ObjectMetaUpdateValidationTest {
  private static final String OLD =
      "{'name':'a','namespace':'ns','uid':'u1','resourceVersion':'7','generation':2,"
          + "'creationTimestamp':'2024-01-02T03:04:05Z','finalizers':['example.com/a']}";

  static Arguments row(String name, String newMeta, String oldMeta, String... messages) {
    return Arguments.of(name, newMeta, oldMeta, List.of(messages));
  }

  static Stream<Arguments> updateCases() {
    return Stream.of(
        row("unchanged metadata", OLD, OLD),
        row(
            "labels may change",
            OLD.replace("'generation':2", "'generation':3,'labels':{'a':'b'}"),
            OLD),
        row(
            "name is immutable",
            OLD.replace("'name':'a'", "'name':'b'"),
            OLD,
            "metadata.name: Invalid value: \"b\": field is immutable"),
        row(
            "namespace is immutable",
            OLD.replace("'namespace':'ns'", "'namespace':'other'"),
            OLD,
            "metadata.namespace: Invalid value: \"other\": field is immutable"),
        row(
            "uid is immutable",
            OLD.replace("'uid':'u1'", "'uid':'u2'"),
            OLD,
            "metadata.uid: Invalid value: \"u2\": field is immutable"),
        row(
            "creationTimestamp is immutable",
            OLD.replace("2024-01-02", "2025-01-02"),
            OLD,
            "metadata.creationTimestamp: Invalid value: \"2025-01-02T03:04:05Z\": field is immutable"),
        row(
            "deletionTimestamp cannot be set by an update",
            OLD.replace("'uid'", "'deletionTimestamp':'2024-05-05T00:00:00Z','uid'"),
            OLD,
            "metadata.deletionTimestamp: Invalid value: \"2024-05-05T00:00:00Z\": field is immutable"),
        row(
            "resourceVersion is required",
            OLD.replace("'resourceVersion':'7',", ""),
            OLD,
            "metadata.resourceVersion: Invalid value: \"\": must be specified for an update"),
        row(
            "generation may not go down",
            OLD.replace("'generation':2", "'generation':1"),
            OLD,
            "metadata.generation: Invalid value: \"1\": must not be decremented"),
        row(
            "no new finalizers while deleting",
            with(OLD.replace("['example.com/a']", "['example.com/b','example.com/a']")),
            with(OLD),
            "metadata.finalizers: Forbidden: no new finalizers can be added if the object is being"
                + " deleted, found new finalizers []string{\"example.com/b\"}"),
        row(
            "finalizers may be removed while deleting",
            with(OLD.replace("['example.com/a']", "[]")),
            with(OLD)),
        row(
            "new labels are validated",
            OLD.replace("'generation':2", "'generation':2,'labels':{'a b':'c'}"),
            OLD,
            "metadata.labels: Invalid value: \"a b\": name part must consist"),
        row(
            "new finalizers are validated",
            OLD.replace("['example.com/a']", "['a/b/c']"),
            OLD,
            "metadata.finalizers: Invalid value: \"a/b/c\": a qualified name"),
        row(
            "a mistyped generation is one error",
            OLD.replace("'generation':2", "'generation':'2'"),
            OLD,
            "metadata.generation: Invalid value: \"string\": must be of type integer"),
        row("an absent generation is not a decrement", OLD.replace("'generation':2,", ""), OLD));
  }

  /** The same metadata on an object being deleted. */
  static String with(String meta) {
    return meta.replace("'uid'", "'deletionTimestamp':'2024-05-05T00:00:00Z','uid'");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("updateCases")
  void validatesUpdate(String name, String newMeta, String oldMeta, List<String> expected) {
    List<FieldError> errs = ObjectMetaValidation.validateUpdate(json(newMeta), json(oldMeta));
    assertThat(errs).extracting(FieldError::message).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(errs.get(i).message()).startsWith(expected.get(i));
    }
  }
}
