package io.nauta.apiserver.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nauta.apiserver.codec.Codec;
import io.nauta.store.Event;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * What every watch of one store event can share: the event's objects decoded once, and each
 * encoding of it (per resource version, event type and wire format) serialized once, as Kubernetes'
 * watch cache shares an event's serializations among its watchers. Without it a thousand watchers
 * of one resource decode and encode every event a thousand times.
 *
 * <p>Recent events sit in a fixed ring of slots (by revision); a slot holds one event, compared by
 * identity (the watch cache hands every watcher the same instance), so an event a watcher meets
 * after its slot was reused is simply decoded again. Shared objects are read-only: callers copy
 * before changing them. Thread-safe.
 */
public final class SharedEvents {

  /** The objects of one event, decoded from the stored bytes. */
  public record Decoded(ObjectNode current, ObjectNode previous, ObjectNode last) {}

  private static final int SLOTS = 4096;

  private record Slot(Event event, Decoded decoded, ConcurrentHashMap<String, byte[]> encodings) {}

  private final AtomicReferenceArray<Slot> slots = new AtomicReferenceArray<>(SLOTS);

  private Slot slot(Event event) {
    int i = (int) (event.revision() & (SLOTS - 1));
    Slot s = slots.get(i);
    if (s != null && s.event() == event) {
      return s;
    }
    ObjectNode current =
        event.type() == Event.Type.PUT ? Codec.parseStored(event.kv().value()) : null;
    ObjectNode previous = event.prevKv() != null ? Codec.parseStored(event.prevKv().value()) : null;
    ObjectNode last =
        event.type() == Event.Type.DELETE ? Codec.parseStored(event.kv().value()) : null;
    Slot fresh = new Slot(event, new Decoded(current, previous, last), new ConcurrentHashMap<>());
    slots.set(i, fresh);
    return fresh;
  }

  /** The event's objects, decoded once for all watches; read-only. */
  public Decoded decode(Event event) {
    return slot(event).decoded();
  }

  /**
   * The bytes of one encoding of {@code event}, made by {@code encode} the first time {@code
   * variant} (resource version, event type, format) is asked for and shared afterwards.
   */
  public byte[] encoded(Event event, String variant, Supplier<byte[]> encode) {
    return slot(event).encodings().computeIfAbsent(variant, v -> encode.get());
  }
}
