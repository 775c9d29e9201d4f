/**
 * The controller manager: builds every controller on one set of shared informers, starts them once
 * the informers have synced, and lets only the instance holding the {@code
 * kube-system/nauta-controller-manager} Lease act.
 */
package io.nauta.controllers.manager;
