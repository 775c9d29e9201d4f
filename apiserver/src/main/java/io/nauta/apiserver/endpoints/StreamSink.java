package io.nauta.apiserver.endpoints;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.codec.Codec;
import io.nauta.apiserver.http.Responder;
import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.watch.WatchEventSink;
import java.time.Clock;
import java.util.List;

/** Writes watch events to a chunked response as newline-delimited JSON, as Tables if asked. */
final class StreamSink implements WatchEventSink {
  private final Responder.Stream stream;
  private final Output out;
  private final ResourceType rt;
  private final Clock clock;
  private boolean first = true;

  StreamSink(Responder.Stream stream, Output out, ResourceType rt, Clock clock) {
    this.stream = stream;
    this.out = out;
    this.rt = rt;
    this.clock = clock;
  }

  @Override
  public synchronized void send(String type, ObjectNode object) {
    ObjectNode ev = Codec.JSON.createObjectNode();
    ev.put("type", type);
    if (out.format() == Output.Format.TABLE && !type.equals("ERROR") && !type.equals("BOOKMARK")) {
      ev.set("object", Tables.table(rt, List.of(object), out, clock.instant(), first, null));
      first = false;
    } else {
      ev.set("object", object);
    }
    stream.write(Output.JSON.encode(ev));
  }

  @Override
  public synchronized void send(
      String type,
      java.util.function.Supplier<ObjectNode> object,
      io.nauta.store.Event event,
      String variant,
      io.nauta.apiserver.watch.SharedEvents shared) {
    if (out.format() != Output.Format.JSON) {
      send(type, object.get());
      return;
    }
    // every JSON watch of this resource version writes the same bytes for this event
    stream.write(
        shared.encoded(
            event,
            variant,
            () -> {
              ObjectNode ev = Codec.JSON.createObjectNode();
              ev.put("type", type);
              ev.set("object", object.get());
              return Output.JSON.encode(ev);
            }));
  }

  @Override
  public void end() {
    stream.end();
  }

  @Override
  public boolean isOpen() {
    return stream.isOpen();
  }
}
