/**
 * The embedded, durable {@link io.nauta.store.Store} engine: {@link
 * io.nauta.store.embedded.EmbeddedStore} keeps its data in one local directory and acknowledges a
 * write only once it is synced, so everything acknowledged survives a crash and nothing
 * half-written is ever read back.
 *
 * <h2>Vocabulary</h2>
 *
 * <ul>
 *   <li><b>Committer</b>: the one thread that orders writes, checks their guards, appends them to
 *       the log and syncs a whole batch at once (group commit), then publishes it.
 *   <li><b>Write-ahead log</b>: segment files of CRC-framed records, one per revision, plus
 *       compaction records ({@link io.nauta.store.embedded.log}).
 *   <li><b>Index</b>: every retained version of every key, in memory ({@link
 *       io.nauta.store.embedded.mvcc}).
 *   <li><b>Published revision</b>: the newest durable revision; reads and watches never look past
 *       it ({@link io.nauta.store.embedded.watch.WatchHub}).
 *   <li><b>Snapshot</b>: the state at a compaction, after which older segments are deleted.
 * </ul>
 *
 * <pre>
 * create/update/delete ──► queue ──► Committer ──► log.write + fsync ──► publish ──► futures
 *                                      │ validate CAS                    │ revision (volatile)
 *                                      ▼                                 ▼
 *                                    Index ◄── get/range at revision   Watch queues ──► listeners
 * compact ──► Committer (log record) ──► Index.compact ──► Maintenance: snapshot, delete segments
 * </pre>
 */
package io.nauta.store.embedded;
