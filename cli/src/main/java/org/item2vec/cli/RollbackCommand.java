package org.item2vec.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.item2vec.store.ModelVersions;
import org.item2vec.trainer.live.TrainerConfig;

/**
 * {@code item2vec rollback}: makes an earlier version current again. The API serves it (when it serves the
 * current version), and the live trainer rebases onto it.
 */
final class RollbackCommand implements Command {
    static final String TO = "--to";

    @Override
    public String name() {
        return "rollback";
    }

    @Override
    public String summary() {
        return "make an earlier model version current again";
    }

    @Override
    public List<Option> options() {
        return List.of(
                ServiceCommands.CONFIG_OPTION,
                RetrainCommand.VERSIONS_DIR_OPTION,
                Option.of(TO, "VERSION", null, "the version to make current (default: the one before the current)"));
    }

    @Override
    public int run(Arguments args, PrintStream out, PrintStream err) {
        ModelVersions versions = new ModelVersions(TrainerConfig.versionsDir(ServiceCommands.load(args,
                Map.of(RetrainCommand.VERSIONS_DIR, TrainerConfig.VERSIONS_DIR_KEY))));
        String was = versions.current().orElse("none");
        ModelVersions.Manifest manifest = versions.rollback(Optional.ofNullable(args.string(TO)));
        out.println(manifest.version() + " (" + manifest.kind() + " of " + manifest.createdAt()
                + ") is current again; it was " + was);
        return 0;
    }
}
