/**
 * HorizontalPodAutoscalers, stored as {@code autoscaling/v2} and also served as {@code
 * autoscaling/v1} through a converter that keeps v2-only fields in the annotations Kubernetes uses
 * for that purpose.
 */
package io.nauta.apiserver.resources.autoscaling;
