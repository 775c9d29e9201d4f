/** Benchmarks of Nauta's components that print their figures (not timed tests). */
package io.nauta.benchmarks;
