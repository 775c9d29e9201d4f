package io.nauta.apiserver.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.status.ApiException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Strategic merge patches as kubectl edit, apply and cordon send them. */
class StrategicMergePatchTest {
  private static JsonNode json(String s) throws Exception {
    return Codec.JSON.readTree(s.replace('\'', '"'));
  }

  static Stream<Arguments> cases() {
    String pod =
        "{'spec':{'containers':[{'name':'a','image':'a:1','ports':[{'containerPort':80,'protocol':'TCP'}]},{'name':'b','image':'b:1'}],'tolerations':[{'key':'x'}]},'metadata':{'finalizers':['f1'],'labels':{'l':'1'}}}";
    return Stream.of(
        Arguments.of(
            "image change keeps the other container and fields",
            pod,
            "{'spec':{'$setElementOrder/containers':[{'name':'a'},{'name':'b'}],'containers':[{'name':'b','image':'b:2'}]}}",
            "{'spec':{'containers':[{'name':'a','image':'a:1','ports':[{'containerPort':80,'protocol':'TCP'}]},{'name':'b','image':'b:2'}],'tolerations':[{'key':'x'}]},'metadata':{'finalizers':['f1'],'labels':{'l':'1'}}}"),
        Arguments.of(
            "delete a container by merge key",
            pod,
            "{'spec':{'containers':[{'name':'a','$patch':'delete'}]}}",
            "{'spec':{'containers':[{'name':'b','image':'b:1'}],'tolerations':[{'key':'x'}]},'metadata':{'finalizers':['f1'],'labels':{'l':'1'}}}"),
        Arguments.of(
            "add a container and order it first",
            pod,
            "{'spec':{'$setElementOrder/containers':[{'name':'c'},{'name':'a'},{'name':'b'}],'containers':[{'name':'c','image':'c:1'}]}}",
            "{'spec':{'containers':[{'name':'c','image':'c:1'},{'name':'a','image':'a:1','ports':[{'containerPort':80,'protocol':'TCP'}]},{'name':'b','image':'b:1'}],'tolerations':[{'key':'x'}]},'metadata':{'finalizers':['f1'],'labels':{'l':'1'}}}"),
        Arguments.of(
            "lists without merge key are replaced",
            pod,
            "{'spec':{'tolerations':[{'key':'y'}]}}",
            "{'spec':{'containers':[{'name':'a','image':'a:1','ports':[{'containerPort':80,'protocol':'TCP'}]},{'name':'b','image':'b:1'}],'tolerations':[{'key':'y'}]},'metadata':{'finalizers':['f1'],'labels':{'l':'1'}}}"),
        Arguments.of(
            "null deletes, finalizers merge as a set, primitive deletes",
            pod,
            "{'metadata':{'labels':{'l':null,'m':'2'},'finalizers':['f2'],'$deleteFromPrimitiveList/finalizers':['f1']}}",
            "{'spec':{'containers':[{'name':'a','image':'a:1','ports':[{'containerPort':80,'protocol':'TCP'}]},{'name':'b','image':'b:1'}],'tolerations':[{'key':'x'}]},'metadata':{'finalizers':['f2'],'labels':{'m':'2'}}}"),
        Arguments.of(
            "cordon",
            "{'spec':{'podCIDR':'10.0.0.0/24'}}",
            "{'spec':{'unschedulable':true}}",
            "{'spec':{'podCIDR':'10.0.0.0/24','unschedulable':true}}"),
        Arguments.of(
            "$patch replace on a map",
            "{'spec':{'selector':{'a':'1','b':'2'}}}",
            "{'spec':{'selector':{'$patch':'replace','c':'3'}}}",
            "{'spec':{'selector':{'c':'3'}}}"),
        Arguments.of(
            "$retainKeys drops the other union members",
            "{'spec':{'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1}}}}",
            "{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate'}}}",
            "{'spec':{'strategy':{'type':'Recreate'}}}"),
        Arguments.of(
            "service ports merge by port",
            "{'spec':{'ports':[{'port':80,'targetPort':8080},{'port':443}]}}",
            "{'spec':{'ports':[{'port':80,'targetPort':9090}]}}",
            "{'spec':{'ports':[{'port':80,'targetPort':9090},{'port':443}]}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void appliesAsKubernetesDoes(String why, String original, String patch, String expected)
      throws Exception {
    JsonNode orig = json(original);
    JsonNode before = orig.deepCopy();
    assertThat(StrategicMergePatch.apply(orig, json(patch))).isEqualTo(json(expected));
    assertThat(orig).isEqualTo(before);
  }

  @Test
  void rejectsUnknownDirectives() throws Exception {
    assertThatThrownBy(() -> StrategicMergePatch.apply(json("{}"), json("{'$bogus':1}")))
        .isInstanceOf(ApiException.class)
        .extracting(e -> ((ApiException) e).code())
        .isEqualTo(400);
  }
}
