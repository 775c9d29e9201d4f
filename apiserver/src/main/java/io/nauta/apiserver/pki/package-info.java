/**
 * The cluster's own PKI: a CA, the API server's serving certificate and client certificates,
 * created on first start with BouncyCastle and kept as PEM files in the data directory.
 */
package io.nauta.apiserver.pki;
