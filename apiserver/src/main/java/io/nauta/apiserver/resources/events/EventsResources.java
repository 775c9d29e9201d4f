package io.nauta.apiserver.resources.events;

import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.resources.core.EventStrategy;

/** The events.k8s.io/v1 events resource, stored with core/v1 events. */
public final class EventsResources {
  static final String PREFIX = "/registry/core/events/";

  private EventsResources() {}

  public static ResourceType events() {
    return ResourceType.builder("events.k8s.io", "v1", "Event", "events")
        .shortNames("ev")
        .storedAs("v1", PREFIX, new EventsV1Converter())
        .strategy(EventStrategy.forEventsApi())
        .build();
  }
}
