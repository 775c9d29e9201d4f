/**
 * Label selectors of object specs compiled into the API module's matcher, so every component
 * selects objects exactly as the API server's list filtering does.
 */
package io.nauta.client.labels;
