/**
 * InterPodAffinity: a pod fits only nodes whose topology domain (the nodes sharing the value of a
 * term's {@code topologyKey} label) holds pods matching each of its required affinity terms and
 * none matching its required anti-affinity terms, and where no assigned pod's required
 * anti-affinity selects it; preferred terms (and assigned pods' terms towards it) score domains by
 * weight, normalised to 0..100. A pod whose affinity terms select itself may be the first of its
 * group anywhere, as in Kubernetes.
 */
package io.nauta.scheduler.plugins.interpodaffinity;
