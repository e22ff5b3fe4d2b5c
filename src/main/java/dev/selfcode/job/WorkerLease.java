package dev.selfcode.job;

/** The lease a {@link JobWorker} holds on one running job; interrupts the job's thread once it is lost. */
final class WorkerLease implements Lease {

    private final long jobId;
    private final String owner;
    private final JobQueue queue;
    private Thread runner;
    private boolean lost;

    WorkerLease(long jobId, String owner, JobQueue queue) {
        this.jobId = jobId;
        this.owner = owner;
        this.queue = queue;
    }

    @Override
    public long jobId() {
        return jobId;
    }

    @Override
    public String owner() {
        return owner;
    }

    @Override
    public boolean heartbeat() {
        if (lost()) {
            return false;
        }
        if (queue.heartbeat(jobId, owner)) {
            return true;
        }
        markLost();
        return false;
    }

    @Override
    public synchronized boolean lost() {
        return lost;
    }

    synchronized void bind(Thread thread) {
        runner = thread;
    }

    /** Called when the handler returned: a late loss must not interrupt the thread's next job. */
    synchronized void unbind() {
        runner = null;
    }

    private synchronized void markLost() {
        lost = true;
        if (runner != null) {
            runner.interrupt(); // someone else may run this job now: stop wasting work and side effects
        }
    }
}
