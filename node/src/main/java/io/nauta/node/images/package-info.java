/**
 * Getting a container's image onto this node as a kubelet does: the pull policy (and the {@code
 * :latest} rule), credentials from the pod's {@code imagePullSecrets} for the image's registry, and
 * a backoff after failed pulls (10 s doubling to 5 min) that turns {@code ErrImagePull} into {@code
 * ImagePullBackOff}; loopback registries are reached over plain HTTP, as Docker does.
 */
package io.nauta.node.images;
