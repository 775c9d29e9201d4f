package io.nauta.apiserver.registry;

/**
 * Options of a create, update or patch.
 *
 * @param dryRun validate and answer as if written, but write nothing
 * @param fieldManager the writer's name for managedFields, or null (then nothing is tracked)
 * @param managedFieldsSet the new object's managedFields are already final (server-side apply
 *     computed them): the registry does not record an Update
 */
public record WriteOptions(boolean dryRun, String fieldManager, boolean managedFieldsSet) {
  public static final WriteOptions DEFAULT = new WriteOptions(false, null, false);

  public WriteOptions(boolean dryRun, String fieldManager) {
    this(dryRun, fieldManager, false);
  }

  /** The same options for a write whose managedFields are already computed. */
  public WriteOptions withManagedFieldsSet() {
    return new WriteOptions(dryRun, fieldManager, true);
  }
}
