/**
 * The Nauta API server: assembles PKI, authentication, the store, the registry of built-in
 * resources and the HTTPS endpoints into one component that starts, serves and stops cleanly.
 */
package io.nauta.apiserver;
