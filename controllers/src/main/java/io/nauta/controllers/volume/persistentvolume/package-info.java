/**
 * The PersistentVolume controller (Kubernetes' persistentvolume-binder): binds claims to volumes
 * (statically, by class, access modes, capacity, selector and pre-binding), keeps both sides'
 * phases true (Available/Bound/Released/Failed, Pending/Bound/Lost), hands claims of a class to its
 * provisioner, and reclaims released volumes by their policy. Bindings are written volume first,
 * then claim, so an interrupted bind is finished by the next sync of either.
 */
package io.nauta.controllers.volume.persistentvolume;
