/**
 * The certificates.k8s.io resources: CertificateSigningRequests with their approval and status
 * subresources, validated so that only well-formed, self-signed PKCS#10 requests are stored and a
 * decision once made (Approved or Denied) is never taken back.
 */
package io.nauta.apiserver.resources.certificates;
