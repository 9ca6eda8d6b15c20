package org.item2vec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the commands write by default, run from the repository's root as the README shows ({@code data/demo} for the
 * demo, say), is ignored by git, so that a demo run leaves the working tree clean.
 */
class WorkingTreeTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void everyDefaultDirectoryOfTheCommandsIsIgnoredByGit() throws Exception {
        assumeTrue(Files.exists(ROOT.resolve(".git")), "not a git working tree: " + ROOT);
        List<String> directories = new ArrayList<>();
        for (Command command : Item2Vec.commands()) {
            for (Option option : command.options()) {
                if ("DIR".equals(option.valueName()) && option.defaultValue() != null
                        && !Path.of(option.defaultValue()).isAbsolute()) {
                    directories.add(option.defaultValue());
                }
            }
        }
        assertFalse(directories.isEmpty(), "no command has a default directory");
        for (String directory : directories) {
            Process git = new ProcessBuilder("git", "check-ignore", "--quiet", "--no-index", directory + "/file")
                    .directory(ROOT.toFile()).redirectErrorStream(true).start();
            String output = new String(git.getInputStream().readAllBytes());
            assumeTrue(git.waitFor(60, TimeUnit.SECONDS), "git did not answer");
            assertEquals(0, git.exitValue(), directory + " (of a command's default) is not ignored by git: " + output);
        }
    }
}
