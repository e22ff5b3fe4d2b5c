package dev.selfcode.github;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.kohsuke.github.GHRepository;

import io.quarkiverse.githubapp.ConfigFile;
import io.quarkiverse.githubapp.GitHubConfigFileProvider;

import dev.selfcode.config.RepoConfigException;
import dev.selfcode.config.RepoConfigReader;
import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.guardrail.RepoLimits;

/** The guardrail limits of a GitHub repository: its {@code .github/selfcode.yml} within the server's caps. */
@ApplicationScoped
class RepoGuardrailLimits {

    private static final Logger LOG = Logger.getLogger(RepoGuardrailLimits.class);

    @Inject
    SelfcodeConfig config;
    @Inject
    GitHubConfigFileProvider configFiles;

    /** From config text (null: the repo has none); a malformed file is the caller's to report. */
    RepoLimits parse(String configText) throws RepoConfigException {
        return RepoLimits.of(config.guardrails(), new RepoConfigReader(config.sandbox()).guardrails(configText));
    }

    /**
     * Reads the file from the default branch. A file that cannot be read or used means the server's defaults: a
     * guardrail must not switch itself off because a config broke after the command was accepted.
     */
    RepoLimits read(GHRepository repo) {
        try {
            Optional<String> text = configFiles.fetchConfigFile(repo, "selfcode.yml", ConfigFile.Source.DEFAULT,
                    String.class);
            return parse(text.orElse(null));
        } catch (RepoConfigException | RuntimeException e) {
            LOG.warnf("%s: guardrails from the server's defaults: %s", repo.getFullName(), e.getMessage());
            return RepoLimits.serverDefaults(config.guardrails());
        }
    }

}
