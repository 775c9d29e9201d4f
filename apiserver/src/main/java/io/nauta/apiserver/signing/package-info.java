/**
 * Approves and signs CertificateSigningRequests inside the API server, which holds the cluster CA
 * (what Kubernetes' csrapproving and csrsigning controllers do, in the process that has the key, as
 * k3s does): node agents joining with a bootstrap token get their client certificate without a
 * person, every other request waits for {@code kubectl certificate approve}.
 */
package io.nauta.apiserver.signing;
