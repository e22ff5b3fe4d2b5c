package dev.selfcode.health;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import dev.selfcode.job.ClaimGate;

/** A claim gate a test can make hang, as a stuck dependency would hang the worker's poll loop; open otherwise. */
@ApplicationScoped
public class BlockingGate implements ClaimGate {

    private volatile CountDownLatch hold;

    void block() {
        hold = new CountDownLatch(1);
    }

    void release() {
        CountDownLatch latch = hold;
        hold = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    @Override
    public boolean open() {
        CountDownLatch latch = hold;
        if (latch != null) {
            try {
                latch.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return true;
    }
}
