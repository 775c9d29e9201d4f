/**
 * ImageLocality: scores a node higher the more of the pod's container images it already holds,
 * weighting each image by its size and by the share of nodes holding it (so one node with a popular
 * image does not attract every pod), clamped per container between 23 MB and 1000 MB as Kubernetes
 * does; scores are in 0..100 and never exclude a node.
 */
package io.nauta.scheduler.plugins.imagelocality;
