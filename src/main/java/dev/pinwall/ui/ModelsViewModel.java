package dev.pinwall.ui;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.function.Consumer;

/**
 * The toolbar's model selector: the models on offer, the one in use, and what picking one does (switch, or say
 * why it cannot be used). Opening the picked model and reopening the folder with it is the window's job, handed
 * in as {@code switchTo}. UI thread only.
 */
public final class ModelsViewModel {
    private final StatusViewModel status;
    private final ObservableList<ModelChoice> models = FXCollections.observableArrayList();
    private final ObservableList<ModelChoice> modelsView = FXCollections.unmodifiableObservableList(models);
    private final ReadOnlyObjectWrapper<ModelChoice> model = new ReadOnlyObjectWrapper<>(this, "model");
    private Consumer<ModelChoice> switchTo = choice -> { };

    ModelsViewModel(StatusViewModel status) {
        this.status = status;
    }

    /** Who opens a picked model (set once by the window's view-model). */
    void onSwitch(Consumer<ModelChoice> switcher) {
        this.switchTo = switcher;
    }

    void setChoices(List<ModelChoice> choices) {
        models.setAll(choices);
    }

    /** Marks the model of {@code opened} as the one in use, adding it to the list only when it is not there. */
    void use(EmbedderCatalog.Opened opened) {
        ModelChoice chosen = models.stream().filter(m -> m.id().equals(opened.choiceId())).findFirst()
                .orElseGet(() -> new ModelChoice(opened.choiceId(), opened.embedder().info().displayName(), true, ""));
        if (!models.contains(chosen)) {
            models.add(chosen);
        }
        model.set(chosen);
    }

    /** The user picked {@code choice} in the selector. */
    public void pick(ModelChoice choice) {
        if (choice == null || (model.get() != null && model.get().id().equals(choice.id()))) {
            return;
        }
        if (!choice.available()) {
            status.show(choice.displayName() + " is not available: " + choice.reason());
            return;
        }
        switchTo.accept(choice);
    }

    /** The name of the model in use, for messages. */
    String currentName() {
        return model.get() == null ? "the model" : model.get().displayName();
    }

    public ObservableList<ModelChoice> getModels() {
        return modelsView;
    }

    public ReadOnlyObjectProperty<ModelChoice> modelProperty() {
        return model.getReadOnlyProperty();
    }
}
