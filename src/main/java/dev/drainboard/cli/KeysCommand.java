package dev.drainboard.cli;

import dev.drainboard.app.Masking;
import dev.drainboard.config.AppConfig;
import dev.drainboard.config.ConfigException;
import dev.drainboard.config.SivKeyset;
import dev.drainboard.config.SivKeysets;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The SIV keyset behind v2 masks: show its key ids, create it, rotate it. Never prints key material. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Manage the SIV keyset of the recoverable mask scheme (siv / v2).",
        subcommands = {KeysCommand.Show.class, KeysCommand.Create.class, KeysCommand.Rotate.class,
                ReEncryptCommand.class})
final class KeysCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Shared by the subcommands: settings in, a keyset action, its report out. */
    abstract static class KeysetAction implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Spec
        CommandSpec spec;

        @Override
        public final Integer call() {
            AppConfig config = options.load();
            return run(config, spec.commandLine().getOut());
        }

        abstract int run(AppConfig config, PrintWriter out);

        static void list(SivKeyset ks, PrintWriter out) {
            out.println("SIV keyset: " + ks.source());
            out.printf("%-10s  %-9s  %s%n", "key id", "status", "use");
            for (SivKeyset.KeyInfo k : ks.keys()) {
                out.printf("%-10s  %-9s  %s%n", Masking.keyIdText(k.id()), k.status(),
                        k.primary() ? "primary: masks new rows" : "reveals rows masked before a rotation");
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "List the key ids of the SIV keyset and which one is primary (no key material).")
    static final class Show extends KeysetAction {
        @Override
        int run(AppConfig config, PrintWriter out) {
            SivKeyset ks = SivKeysets.loadExisting(config).orElseThrow(() -> new ConfigException("There is no SIV "
                    + "keyset: " + SivKeysets.file(config) + " does not exist and DRAINBOARD_SIV_KEYSET is not set. "
                    + "Create one with `drainboard keys create`, or drain once with --mask-scheme=siv."));
            list(ks, out);
            out.println("Mask scheme for new rows: " + config.maskScheme().setting()
                    + " (DRAINBOARD_MASK_SCHEME / --mask-scheme)");
            return 0;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create the SIV keyset file <data-dir>/siv-keyset.json (owner-only). Refuses to overwrite.")
    static final class Create extends KeysetAction {
        @Override
        int run(AppConfig config, PrintWriter out) {
            SivKeyset ks = SivKeysets.create(config);
            list(ks, out);
            out.println("Created. Back it up now: without it, v2 masks cannot be revealed.");
            return 0;
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Add a new key to the SIV keyset and make it primary. Older keys stay, so rows masked",
                    "with them stay recoverable. Restart running drainers so that they use the new key.",
                    "With --re-encrypt, then moves the stored v2 masks to the new key (see `keys re-encrypt`)."})
    static final class Rotate extends KeysetAction {
        @picocli.CommandLine.Option(names = "--re-encrypt",
                description = "after rotating, re-encrypt the stored v2 masks under the new key (resumable)")
        boolean reEncrypt;

        @picocli.CommandLine.Mixin
        ReEncryptCommand.Walk walk;

        @Override
        int run(AppConfig config, PrintWriter out) {
            SivKeyset ks = SivKeysets.rotate(config);
            list(ks, out);
            out.println("Rotated: new rows get key " + Masking.keyIdText(ks.primaryId()) + "; all "
                    + ks.keys().size() + " keys can reveal. Restart running drainers so that they use the new key.");
            if (reEncrypt) {
                return ReEncryptCommand.run(config, walk, out, spec.commandLine().getErr());
            }
            out.println("A value masked with the new key gets a different mask than with an older one: duplicates "
                    + "match within one key's rows, not across the rotation, until `drainboard keys re-encrypt` "
                    + "has moved the stored masks to the new key. Back up the keyset file.");
            return 0;
        }
    }
}
