/**
 * Running the pods bound to this node: one worker per pod brings the container runtime in line with
 * the pod (sandbox, image pulls, containers started in order and restarted by policy), reports the
 * pod's status, and on deletion stops everything and removes the pod from the API.
 */
package io.nauta.node.pods;
