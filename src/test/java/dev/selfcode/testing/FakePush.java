package dev.selfcode.testing;

/** A ref that a git push over smart HTTP moved on the fake GitHub (a zero SHA means created or deleted). */
public record FakePush(String repo, String ref, String oldSha, String newSha) {
}
