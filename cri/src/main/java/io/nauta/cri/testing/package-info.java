/**
 * Test support for anything that runs real containers without internet: a plain-HTTP registry on
 * loopback ({@link io.nauta.cri.testing.LocalRegistry}) and Nauta's locally built images ({@link
 * io.nauta.cri.testing.TestImages}); each owns only files under a directory it is given and stops
 * only the processes it started.
 */
package io.nauta.cri.testing;
