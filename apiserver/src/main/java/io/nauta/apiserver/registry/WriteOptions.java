package io.nauta.apiserver.registry;

/**
 * Options of a create, update or patch.
 *
 * @param dryRun validate and answer as if written, but write nothing
 * @param fieldManager the writer's name, or null
 */
public record WriteOptions(boolean dryRun, String fieldManager) {
  public static final WriteOptions DEFAULT = new WriteOptions(false, null);
}
