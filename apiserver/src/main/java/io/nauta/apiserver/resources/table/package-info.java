/**
 * Column definitions and cell formatting shared by the {@code kubectl get} tables of several kinds
 * (template containers and images, selectors, the "Created At" fallback table).
 */
package io.nauta.apiserver.resources.table;
