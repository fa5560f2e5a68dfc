package dev.pinwall.ui;

/**
 * A model as the toolbar's selector lists it.
 *
 * @param id          what {@link EmbedderCatalog#open} takes
 * @param displayName what the list shows
 * @param available   false when it cannot be used here (e.g. its file is missing)
 * @param reason      why it is unavailable, or a short description; may be empty
 */
public record ModelChoice(String id, String displayName, boolean available, String reason) {
}
