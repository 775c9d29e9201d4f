package io.nauta.apiserver.registry;

/**
 * Options of a delete.
 *
 * @param gracePeriodSeconds null for the kind's default
 * @param propagationPolicy "Orphan", "Background", "Foreground" or null
 * @param preconditionUid delete only if the uid matches, or null
 * @param preconditionResourceVersion delete only if the resourceVersion matches, or null
 * @param dryRun answer as if deleted, but delete nothing
 */
public record DeleteOptions(
    Long gracePeriodSeconds,
    String propagationPolicy,
    String preconditionUid,
    String preconditionResourceVersion,
    boolean dryRun) {
  public static final DeleteOptions DEFAULT = new DeleteOptions(null, null, null, null, false);
}
