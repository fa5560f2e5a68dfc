package dev.pinwall.ui;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What the window tells the user in words: the status line, the notice above the wall (until dismissed), and the
 * latest error. UI thread only.
 */
public final class StatusViewModel {
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem");

    /** Replaces the status line. */
    void show(String text) {
        status.set(text);
    }

    /** An error: in the status line, and remembered as the latest problem. */
    void problem(String text) {
        problem.set(text);
        status.set(text);
    }

    /** An error that must stay visible while other work goes on: status line and notice. */
    void problemNotice(String text) {
        problem(text);
        notice.set(text);
    }

    /** Shows {@code text} above the wall until dismissed or replaced. */
    void notice(String text) {
        notice.set(text);
    }

    public void dismissNotice() {
        notice.set(null);
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public String getStatus() {
        return status.get();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public String getNotice() {
        return notice.get();
    }

    /** The latest error shown to the user, or null. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public String getProblem() {
        return problem.get();
    }
}
