package dev.pinwall.ui;

import com.sun.javafx.tk.TKClipboard;
import javafx.scene.image.Image;
import javafx.scene.input.DataFormat;
import javafx.scene.input.TransferMode;
import javafx.util.Pair;

import java.security.AccessControlContext;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The toolkit-side clipboard of a drag from another application, offering LINK and COPY as file managers do.
 * JavaFX internals, test only: TestFX cannot drag from outside the application.
 */
final class FakeDragClipboard implements TKClipboard {
    private final Map<DataFormat, Object> content = new HashMap<>();

    @Override
    public void setSecurityContext(AccessControlContext context) {
    }

    @Override
    public Set<DataFormat> getContentTypes() {
        return content.keySet();
    }

    @Override
    @SafeVarargs
    public final boolean putContent(Pair<DataFormat, Object>... pairs) {
        for (Pair<DataFormat, Object> pair : pairs) {
            content.put(pair.getKey(), pair.getValue());
        }
        return true;
    }

    @Override
    public Object getContent(DataFormat format) {
        return content.get(format);
    }

    @Override
    public boolean hasContent(DataFormat format) {
        return content.containsKey(format);
    }

    @Override
    public Set<TransferMode> getTransferModes() {
        return EnumSet.of(TransferMode.LINK, TransferMode.COPY);
    }

    @Override
    public void setDragView(Image image) {
    }

    @Override
    public void setDragViewOffsetX(double offsetX) {
    }

    @Override
    public void setDragViewOffsetY(double offsetY) {
    }

    @Override
    public Image getDragView() {
        return null;
    }

    @Override
    public double getDragViewOffsetX() {
        return 0;
    }

    @Override
    public double getDragViewOffsetY() {
        return 0;
    }
}
