/**
 * TaintToleration: a pod may only land on a node whose NoSchedule and NoExecute taints it
 * tolerates; among feasible nodes, those with fewer untolerated PreferNoSchedule taints score
 * higher.
 */
package io.nauta.scheduler.plugins.tainttoleration;
