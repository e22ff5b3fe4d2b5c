package dev.selfcode.github;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.selfcode.job.Job;
import dev.selfcode.job.Lease;
import dev.selfcode.testing.FakeComment;
import dev.selfcode.testing.FakeGitHub;

/** Repositories, LLM answers and queue helpers shared by the job tests. */
public final class JobFixtures {

    public static final Map<String, String> PYTHON_REPO = Map.of(
            "calc.py", "def add(a, b):\n    return a + b\n",
            "test_calc.py", "from calc import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n",
            // pyflakes' findings count as errors: how a helper the guard lets through can still make things worse.
            ".github/selfcode.yml", "lint: flake8 --select=F calc.py\n");

    /** A helper that breaks nothing. */
    public static final String GOOD_HELPER = "```python\ndef multiply(a, b):\n    \"\"\"Multiply two numbers.\"\"\"\n"
            + "    return a * b\n```";
    /**
     * A helper the guard lets through (it only defines) but that is worse code: an unused import and an undefined
     * name are two lint findings, so errors rise and the change is reverted. (Redefining {@code add} to break its
     * test is refused by the guard before anything runs.)
     */
    public static final String BREAKING_HELPER = "```python\nimport os\n\n\ndef subtract(a, b):\n    return a - c\n```";

    private JobFixtures() {
    }

    public static String newRepo(FakeGitHub fake, String name) {
        fake.createRepo(name, PYTHON_REPO);
        fake.setPermission(name, "maintainer", "write");
        return name;
    }

    /** Comments as the maintainer and delivers the issue_comment webhook; returns the issue or PR number. */
    public static void command(FakeGitHub fake, String repo, int number, String text, boolean onPull) {
        FakeComment comment = fake.addComment(repo, number, text, "maintainer");
        Webhooks.post(Webhooks.issueComment(fake, comment, onPull)).then().statusCode(200);
    }

    /** Cancels what earlier tests left in the queue, so a test's worker run only sees its own jobs. */
    public static void clearQueue() {
        QuarkusTransaction.requiringNew().run(() -> Job.update("status = ?1 where status in ?2", Job.Status.CANCELLED,
                List.of(Job.Status.QUEUED, Job.Status.RUNNING)));
    }

    public static List<Job> jobs(String repo) {
        return QuarkusTransaction.requiringNew().call(() -> Job.<Job>list("repo = ?1 order by id", repo));
    }

    /** Makes a queued job due now (skips the retry backoff). */
    /** The queue's own clock (tests may have moved it), so fixtures and claims agree on "now". */
    private static Instant now() {
        return io.quarkus.arc.Arc.container().instance(java.time.Clock.class).get().instant();
    }

    static void dueNow(long jobId) {
        QuarkusTransaction.requiringNew().run(() -> Job.update("runAfter = ?1 where id = ?2",
                now().minusSeconds(1), jobId));
    }

    /** A worker that died: its lease ran out a second ago. */
    static void expireLease(long jobId) {
        QuarkusTransaction.requiringNew().run(() -> Job.update("leaseUntil = ?1 where id = ?2",
                now().minusSeconds(1), jobId));
    }

    /** The lease a handler gets when a test runs it by hand, as a worker that will die. */
    record HeldLease(long jobId, String owner) implements Lease {

        @Override
        public boolean heartbeat() {
            return true;
        }

        @Override
        public boolean lost() {
            return false;
        }
    }
}
