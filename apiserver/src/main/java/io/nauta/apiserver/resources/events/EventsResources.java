package io.nauta.apiserver.resources.events;

import io.nauta.apiserver.registry.ResourceType;
import io.nauta.apiserver.resources.core.EventStrategy;

/** The events.k8s.io/v1 events resource, stored with core/v1 events. */
public final class EventsResources {
  static final String PREFIX = "/registry/core/events/";

  private EventsResources() {}

  /** The events resource, a view of core/v1 events converted by {@link EventsV1Converter}. */
  public static ResourceType events() {
    return ResourceType.builder("events.k8s.io", "v1", "Event", "events")
        .shortNames("ev")
        .storedAs("v1", PREFIX, new EventsV1Converter())
        .strategy(EventStrategy.forEventsApi())
        .build();
  }
}
