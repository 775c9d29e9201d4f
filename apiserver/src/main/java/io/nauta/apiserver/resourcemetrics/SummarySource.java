package io.nauta.apiserver.resourcemetrics;

import com.fasterxml.jackson.databind.JsonNode;

/** Where a real node's stats summary comes from: its agent, or a fake in tests. */
@FunctionalInterface
public interface SummarySource {
  /**
   * Reads the summary of {@code node} (a Node object). Called from many threads at once.
   *
   * @throws Exception when the node cannot be read; the node then has no metrics until it can
   */
  Summary fetch(JsonNode node) throws Exception;
}
