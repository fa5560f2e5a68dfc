package dev.pinwall.ui;

import dev.pinwall.embed.DownloadListener;
import dev.pinwall.embed.EmbedException;
import dev.pinwall.embed.ModelOption;
import dev.pinwall.embed.ModelRegistry;
import dev.pinwall.library.PinwallHome;
import dev.pinwall.task.Cancellation;

import java.util.List;

/** The application's catalog: the core's {@link ModelRegistry} over the install's and the user's model folders. */
final class RegistryCatalog implements EmbedderCatalog {
    private final ModelRegistry registry;

    private RegistryCatalog(ModelRegistry registry) {
        this.registry = registry;
    }

    /** Looks for models in {@link PinwallHome#modelDirs()}. Reads folders: call off the UI thread. */
    static RegistryCatalog discover() {
        return of(ModelRegistry.discover(PinwallHome.modelDirs()));
    }

    /** A catalog over any registry (tests point one at a loopback model repository). */
    static RegistryCatalog of(ModelRegistry registry) {
        return new RegistryCatalog(registry);
    }

    @Override
    public List<ModelChoice> choices() {
        return registry.options().stream().map(RegistryCatalog::choice).toList();
    }

    @Override
    public Opened open(String id) throws EmbedException {
        // An explicit pick that fails is reported to the user, not silently replaced.
        return new Opened(registry.open(id), id, List.of());
    }

    /** Downloads a zoo model through the core; the registry refuses anything that is not a zoo model. */
    @Override
    public void download(String id, DownloadListener progress, Cancellation cancellation) throws EmbedException {
        registry.download(id, progress, cancellation);
    }

    @Override
    public Opened openDefault(String explicitOrNull) throws EmbedException {
        if (explicitOrNull != null) {
            // --model names exactly one model: it loads, or the window says why; it is never swapped for another
            return open(explicitOrNull);
        }
        ModelRegistry.Opened opened = registry.openDefault();
        String embedderId = opened.embedder().info().id();
        // the default may fall back (with a note): report what was opened
        String choiceId = registry.options().stream().map(ModelOption::id)
                .filter(embedderId::equals).findFirst().orElse(embedderId);
        return new Opened(opened.embedder(), choiceId, opened.notes());
    }

    private static ModelChoice choice(ModelOption option) {
        return new ModelChoice(option.id(), option.displayName(), option.available(),
                option.reason() == null ? "" : option.reason(), option.downloadable(), option.downloadBytes());
    }
}
