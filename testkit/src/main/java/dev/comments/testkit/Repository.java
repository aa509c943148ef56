package dev.comments.testkit;

import java.nio.file.Path;

/**
 * The repository the fixtures run from: its built artifacts (the WAR, the agents' jars, the
 * client site) and its tools (.tools/bin/ipfs). Named by the system property comments.repo,
 * which the parent pom gives every test JVM and ./dev gives the local network's launcher.
 */
public final class Repository {

    private Repository() {
    }

    public static Path root() {
        String root = System.getProperty("comments.repo");
        if (root == null || root.isBlank()) {
            throw new IllegalStateException("system property comments.repo (the repository root) is not set;"
                    + " the parent pom sets it for tests, ./dev for the launcher");
        }
        return Path.of(root);
    }
}
