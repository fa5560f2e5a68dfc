package dev.pinwall.store;

import java.util.Optional;

/**
 * A store backend that {@link Stores#open(String)} can reach by a prefixed form such as {@code solr:URL}, found through
 * {@link java.util.ServiceLoader} so the store package never names the backends built on it (they depend on it, not
 * the other way round).
 */
public interface StoreProvider {

    /** The prefixes this backend answers to, e.g. {@code solr:}; listed in the error for a form nobody takes. */
    java.util.List<String> prefixes();

    /**
     * Opens the store {@code spec} names when it has one of {@link #prefixes()}, or returns empty when it is not this
     * backend's form.
     *
     * @throws StoreException when the form is this backend's but the store cannot be opened
     */
    Optional<VectorStore> open(String spec) throws StoreException;
}
