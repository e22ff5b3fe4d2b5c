package dev.selfcode.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/** A small git repository made by a test: the files given, committed once on {@code main}. */
public final class GitRepos {

    private GitRepos() {
    }

    public static Path create(Path dir, Map<String, String> files) throws IOException, GitAPIException {
        Files.createDirectories(dir);
        for (var e : files.entrySet()) {
            Path f = dir.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
        }
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("test", "test@example.com");
            git.commit().setMessage("init").setAuthor(who).setCommitter(who).setSign(false).call();
        }
        return dir;
    }
}
