package dev.selfcode.doctor;

/** The webhook secret is set when the App is: without it {@code serve} cannot tell GitHub's deliveries from forgeries. */
final class CheckWebhookSecret implements Check {

    private final AppSettings app;

    CheckWebhookSecret(AppSettings app) {
        this.app = app;
    }

    @Override
    public String name() {
        return "webhook secret";
    }

    @Override
    public CheckResult run() {
        if (app.absent()) {
            return CheckResult.skip(name(), "no GitHub App configured", "");
        }
        if (app.webhookSecret().isEmpty()) {
            return CheckResult.fail(name(), "not set",
                    "set QUARKUS_GITHUB_APP_WEBHOOK_SECRET to the secret in your App's webhook settings");
        }
        return CheckResult.ok(name(), "set");
    }
}
