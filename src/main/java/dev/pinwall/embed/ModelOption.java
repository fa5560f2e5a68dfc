package dev.pinwall.embed;

/** Placeholder until the registry lands from the embed branch. */
public record ModelOption(String id, String displayName, boolean available, String reason) {
}
