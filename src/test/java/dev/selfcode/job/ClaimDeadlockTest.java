package dev.selfcode.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransactionRollbackException;

import org.junit.jupiter.api.Test;

/** A claim chosen as a deadlock victim is claimed again; anything else is not retried. */
class ClaimDeadlockTest {

    @Test
    void aDeadlockWrappedByTheCommitIsRecognised() {
        var commit = new IllegalStateException("commit failed");
        commit.addSuppressed(new jakarta.persistence.PessimisticLockException("Deadlock found"));
        assertThat(JobQueue.deadlock(new RuntimeException("wrapper", commit))).isTrue();
        assertThat(JobQueue.deadlock(new RuntimeException(new SQLTransactionRollbackException("Deadlock")))).isTrue();
    }

    @Test
    void otherFailuresAreNotRetried() {
        assertThat(JobQueue.deadlock(new IllegalStateException("boom", new RuntimeException("db down")))).isFalse();
    }
}
