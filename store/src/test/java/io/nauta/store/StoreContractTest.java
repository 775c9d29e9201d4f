package io.nauta.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link Store} engine must show, as one suite to subclass per engine (like
 * Kubernetes' storage tests run against etcd3 and the watch cache alike).
 *
 * <p>A subclass supplies {@link #newStore()} and, if its engine keeps data across restarts, {@link
 * #reopen(Store)}; without it the restart tests are skipped. The tests themselves live in the
 * contract interfaces this class implements, one file per area, so each stays readable. Subclasses
 * may add engine-specific tests of their own.
 */
@Timeout(120)
public abstract class StoreContractTest
    implements ReadWriteContract,
        RangeContract,
        ConcurrencyContract,
        WatchContract,
        CompactionContract,
        RestartContract {

  private Store store;

  /** A new, empty store; closed by the kit after each test. */
  protected abstract Store newStore();

  /**
   * Closes {@code old} and opens the same data again. The default aborts the calling test, for
   * engines without durable state.
   */
  protected Store reopen(Store old) {
    Assumptions.abort("this engine cannot be reopened");
    return old;
  }

  @BeforeEach
  protected final void openStore() {
    store = newStore();
  }

  @AfterEach
  protected final void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  @Override
  public final Store store() {
    return store;
  }

  @Override
  public final Store restart() {
    store = reopen(store);
    return store;
  }
}
