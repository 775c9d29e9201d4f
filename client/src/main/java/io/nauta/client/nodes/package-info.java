/** Matching nodes against node selector terms, for everything that places or pins pods. */
package io.nauta.client.nodes;
