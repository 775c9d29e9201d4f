package io.nauta.client.volumes;

/**
 * The CSI driver names volumes are counted under on a node (CSINode {@code spec.drivers}). A CSI
 * class's provisioner is its driver's name; a provisioner that is not a CSI driver name is
 * translated, as Kubernetes' CSI translation maps in-tree plugins to their CSI drivers.
 */
public final class CsiDrivers {
  /**
   * The driver under which a node's local-path volumes ({@link
   * StorageAnnotations#LOCAL_PATH_PROVISIONER}) are counted. The provisioner's own name, having a
   * {@code /}, is not a valid CSI driver name.
   */
  public static final String LOCAL_PATH = "local-path.nauta.io";

  private CsiDrivers() {}

  /**
   * The CSI driver of volumes made by {@code provisioner}: {@link #LOCAL_PATH} for the local-path
   * provisioner, else the provisioner itself; null for null.
   */
  public static String ofProvisioner(String provisioner) {
    return StorageAnnotations.LOCAL_PATH_PROVISIONER.equals(provisioner) ? LOCAL_PATH : provisioner;
  }
}
