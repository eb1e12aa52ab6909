package dev.belay.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The audit log's group commit: appends submitted by many threads while one transaction commits go
 * together in the next, so a burst of per-host events costs one commit rather than one each. One
 * waiter at a time commits everything queued (the leader); the others sleep and all wake together
 * when its commit ends, rather than passing the write lock on one by one. Submit order is commit
 * order: the queue is drained in the order submits reached it.
 */
final class GroupCommit {

    /** Writes one group in one transaction and commits it; the stored rows, one list per submit, in order. */
    @FunctionalInterface
    interface Writer {
        List<List<EventRows.Row>> write(List<AuditStore.Pending> group);
    }

    /**
     * How long a leader waits, at most, for the writers of the last group to submit again (see
     * {@link #gather}).
     */
    private static final long GATHER_NANOS = 1_000_000;

    private final ReentrantLock writeLock;
    private final Writer writer;
    // Submits not yet committed, in submit order.
    private final ConcurrentLinkedQueue<AuditStore.Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    // Guards committing: whether a waiter is committing the queue now.
    private final Object commits = new Object();
    private boolean committing;
    private volatile int lastGroup; // submits in the last commit, for gather()

    /** @param writeLock the store's writer lock, held while a group is written (other writes take it too) */
    GroupCommit(ReentrantLock writeLock, Writer writer) {
        this.writeLock = writeLock;
        this.writer = writer;
    }

    void enqueue(AuditStore.Pending pending) {
        queue.add(pending);
        queued.incrementAndGet();
    }

    /** Returns once {@code pending} is committed or failed, committing the queue itself when no one else is. */
    void commitUntilDone(AuditStore.Pending pending) {
        boolean interrupted = false;
        while (!pending.done()) {
            boolean lead = false;
            synchronized (commits) {
                while (!pending.done() && committing) {
                    try {
                        commits.wait();
                    } catch (InterruptedException e) {
                        interrupted = true; // the events may already be in a commit: wait for its end
                    }
                }
                if (!pending.done()) {
                    committing = true;
                    lead = true;
                }
            }
            if (lead) {
                try {
                    gather();
                    writeLock.lock();
                    try {
                        commitQueued();
                    } finally {
                        writeLock.unlock();
                    }
                } finally {
                    synchronized (commits) {
                        committing = false;
                        commits.notifyAll();
                    }
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * In a burst, lets the writers of the last group come back before committing: they were woken by
     * its end and resubmit within microseconds when they get a core, and a commit started at once
     * would carry only the first of them (measured: a third of the appends/s with 32 writers on a
     * loaded 2-core machine). Waits at most {@link #GATHER_NANOS}, and not at all for a lone writer.
     */
    private void gather() {
        int expect = lastGroup;
        if (expect <= 1) {
            return;
        }
        long until = System.nanoTime() + GATHER_NANOS;
        while (queued.get() < expect && System.nanoTime() < until) {
            Thread.yield();
        }
    }

    /** Under the write lock: commits everything queued so far in one transaction. */
    private void commitQueued() {
        List<AuditStore.Pending> group = new ArrayList<>();
        for (AuditStore.Pending p; (p = queue.poll()) != null; ) {
            group.add(p);
        }
        queued.addAndGet(-group.size());
        lastGroup = group.size();
        if (group.isEmpty()) {
            return;
        }
        try {
            List<List<EventRows.Row>> stored = writer.write(group);
            int total = 0;
            for (int i = 0; i < group.size(); i++) {
                group.get(i).finish(stored.get(i), null);
                total += stored.get(i).size();
            }
            CrashPoint.committed(total);
        } catch (AuditException e) {
            if (group.size() == 1) {
                group.get(0).finish(null, e);
                return;
            }
            for (AuditStore.Pending p : group) { // one bad request must not fail the others: each on its own
                try {
                    List<EventRows.Row> one = writer.write(List.of(p)).get(0);
                    p.finish(one, null);
                    CrashPoint.committed(one.size());
                } catch (AuditException each) {
                    p.finish(null, each);
                }
            }
        }
    }
}
