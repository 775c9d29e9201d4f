package io.nauta.apiserver.resources.core;

import static io.nauta.apiserver.resources.TestObjects.NOW;
import static io.nauta.apiserver.resources.TestObjects.messages;
import static io.nauta.apiserver.resources.TestObjects.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigDataStrategiesTest {
  private final SecretStrategy secrets = new SecretStrategy();
  private final ConfigMapStrategy configMaps = new ConfigMapStrategy();

  @Test
  void secretStringDataIsMergedIntoDataAndDropped() {
    ObjectNode s = object("{\"data\":{\"a\":\"b2xk\"},\"stringData\":{\"a\":\"new\",\"b\":\"x\"}}");
    secrets.prepareForCreate(s);
    assertThat(s.toString()).contains("\"type\":\"Opaque\"").doesNotContain("stringData");
    assertThat(s.get("data").toString()).isEqualTo("{\"a\":\"bmV3\",\"b\":\"eA==\"}");
    assertThat(secrets.validate(s)).isEmpty();
    assertThat(secrets.cells(s, NOW)).containsExactly("x", "Opaque", 2L, "10m");
    assertThat(secrets.selectableFields(s)).containsEntry("type", "Opaque");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "bad key | {\"data\":{\"a b\":\"eA==\"}} | data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
        "dot-dot key | {\"data\":{\"..a\":\"eA==\"}} | data[..a]: Invalid value: \"..a\": must not start with '..'",
        "bad base64 | {\"data\":{\"a\":\"%%%\"}} | data[a]: Invalid value: \"%%%\": illegal base64 data",
        "tls without key | {\"type\":\"kubernetes.io/tls\",\"data\":{\"tls.crt\":\"eA==\"}} | data[tls.key]: Required value",
      })
  void rejectsInvalidSecrets(String name, String json, String message) {
    ObjectNode s = object(json);
    secrets.prepareForCreate(s);
    assertThat(messages(secrets.validate(s))).contains(message);
  }

  @Test
  void secretTypeAndImmutableDataCannotChange() {
    ObjectNode old = object("{\"immutable\":true,\"data\":{\"a\":\"eA==\"}}");
    secrets.prepareForCreate(old);
    ObjectNode update =
        object(
            "{\"immutable\":true,\"type\":\"kubernetes.io/basic-auth\",\"data\":{\"a\":\"eQ==\",\"username\":\"eA==\"}}");
    secrets.prepareForUpdate(update, old);
    assertThat(messages(secrets.validateUpdate(update, old)))
        .contains(
            "type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable",
            "data: Forbidden: field is immutable when `immutable` is set");
  }

  @Test
  void configMapKeysAreCheckedAcrossDataAndBinaryData() {
    ObjectNode cm =
        object("{\"data\":{\"k\":\"v\",\"bad/key\":\"v\"},\"binaryData\":{\"k\":\"eA==\"}}");
    assertThat(messages(configMaps.validate(cm)))
        .contains(
            "data[k]: Invalid value: \"k\": duplicate of key present in binaryData",
            "data[bad/key]: Invalid value: \"bad/key\": a valid config key must consist of alphanumeric"
                + " characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name',"
                + " regex used for validation is '[-._a-zA-Z0-9]+')");
    assertThat(configMaps.cells(cm, NOW)).containsExactly("x", 3L, "10m");
  }

  @Test
  void configMapTooLargeIsRejected() {
    ObjectNode cm = object("{}");
    cm.putObject("data").put("big", "x".repeat(1024 * 1024 + 1));
    assertThat(configMaps.validate(cm))
        .singleElement()
        .satisfies(e -> assertThat(e.type().reason()).isEqualTo("FieldValueTooLong"));
  }

  @Test
  void immutableConfigMapsKeepTheirData() {
    ObjectNode old = object("{\"immutable\":true,\"data\":{\"a\":\"1\"}}");
    ObjectNode update = object("{\"immutable\":false,\"data\":{\"a\":\"2\"}}");
    assertThat(messages(configMaps.validateUpdate(update, old)))
        .containsExactly(
            "immutable: Forbidden: field is immutable when `immutable` is set",
            "data: Forbidden: field is immutable when `immutable` is set");
  }
}
