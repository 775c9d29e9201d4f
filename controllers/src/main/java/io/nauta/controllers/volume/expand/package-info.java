/**
 * Volume expansion: a bound claim whose storage request grew beyond its capacity is resized. The
 * built-in local-path volumes are directories with no size of their own, so growing one is recorded
 * (the volume's capacity, then the claim's) rather than done to a filesystem; claims of other
 * provisioners wait for theirs.
 */
package io.nauta.controllers.volume.expand;
