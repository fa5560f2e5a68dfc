package dev.pinwall.ui;

import dev.pinwall.library.Photo;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.image.Image;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The map of the collection on one canvas (never a node per photo): a dot per photo coloured by its product type,
 * and over the dots a level of detail of thumbnails: the screen is cut into tiles and each tile shows the photo
 * nearest its centre, so zoomed out a sample of the map is seen as pictures and zoomed in every photo is. Drag to pan,
 * wheel to zoom around the pointer, click a dot or picture to pin its photo. Changes are coalesced into one redraw.
 */
final class MapView extends StackPane {
    /** The side of a level-of-detail tile and of the thumbnail drawn in it, in pixels. */
    static final double TILE = 64;
    static final double THUMB = 56;
    private static final double DOT = 3;
    private static final double CLICK_RADIUS = 10;
    private static final Color[] PALETTE = palette(24);

    private final PinwallViewModel model;
    private final ThumbnailLoader loader;
    private final Canvas canvas = new Canvas();
    private final Map<Path, ThumbnailLoader.Request> requests = new HashMap<>();
    private final Set<Path> failed = new HashSet<>();
    /** The pictures of the last frame: photo index, then left, top, right, bottom. */
    private final java.util.List<double[]> pictures = new java.util.ArrayList<>();
    private MapViewModel.Points points;
    private int[] colour;
    /** The indices of saved photos, found again when the points or the boards change (not on every frame). */
    private int[] saved = new int[0];
    private double scale = Double.NaN;
    private double offsetX;
    private double offsetY;
    private double dragX;
    private double dragY;
    private boolean dragged;
    private boolean dirty;
    private boolean drawn;

    MapView(PinwallViewModel model, ThumbnailLoader loader) {
        this.model = model;
        this.loader = loader;
        setId("map");
        getStyleClass().add("map-view");
        // the canvas follows the space it is given and asks for none, so it never feeds back into the layout
        Pane holder = new Pane(canvas) {
            @Override
            protected void layoutChildren() {
                canvas.setWidth(getWidth());
                canvas.setHeight(getHeight());
            }

            @Override
            protected double computePrefWidth(double height) {
                return 0;
            }

            @Override
            protected double computePrefHeight(double width) {
                return 0;
            }
        };
        holder.setMinSize(0, 0);
        canvas.widthProperty().addListener(obs -> changed());
        canvas.heightProperty().addListener(obs -> changed());

        MapViewModel map = model.map();
        Label message = new Label();
        message.setId("map-message");
        message.getStyleClass().add("text-muted");
        message.textProperty().bind(map.messageProperty());
        ProgressBar progress = new ProgressBar();
        progress.setId("map-progress");
        progress.setPrefWidth(260);
        progress.progressProperty().bind(map.progressProperty());
        progress.visibleProperty().bind(map.computingProperty());
        VBox overlay = new VBox(10, message, progress);
        overlay.setAlignment(Pos.CENTER);
        overlay.setMouseTransparent(true);
        overlay.visibleProperty().bind(map.messageProperty().isNotNull());
        getChildren().addAll(holder, overlay);

        map.pointsProperty().addListener((obs, was, now) -> show(now));
        model.related().pinProperty().addListener(obs -> changed());
        model.boards().getSaved().addListener((javafx.collections.SetChangeListener<String>) c -> {
            findSaved();
            changed();
        });
        visibleProperty().addListener(obs -> changed());
        canvas.setOnMousePressed(this::press);
        canvas.setOnMouseDragged(this::drag);
        canvas.setOnMouseReleased(this::release);
        canvas.addEventHandler(ScrollEvent.SCROLL, this::scroll);
        show(map.pointsProperty().get());
    }

    private void show(MapViewModel.Points now) {
        points = now;
        scale = Double.NaN; // fitted to the window at the next frame
        colour = null;
        if (now != null) {
            Map<String, Integer> kinds = new HashMap<>();
            colour = new int[now.photos().size()];
            for (int i = 0; i < colour.length; i++) {
                Photo photo = now.photos().get(i);
                String kind = photo.info() == null ? "" : photo.info().articleType();
                colour[i] = kinds.computeIfAbsent(kind, k -> Math.floorMod(k.hashCode(), PALETTE.length));
            }
        }
        findSaved();
        changed();
    }

    private void findSaved() {
        saved = points == null ? new int[0] : java.util.stream.IntStream.range(0, points.photos().size())
                .filter(i -> model.boards().isSaved(points.photos().get(i))).toArray();
    }

    /** Schedules one redraw for however many changes arrive before it runs (a drag, a burst of thumbnails). */
    private void changed() {
        drawn = false;
        if (!dirty) {
            dirty = true;
            Platform.runLater(() -> {
                dirty = false;
                if (isVisible()) {
                    draw();
                }
            });
        }
    }

    /** Fits every point in the canvas, keeping the aspect, with a margin of half a tile. */
    private void fitAll() {
        float[] xs = points.x();
        float[] ys = points.y();
        // the 0.5th and 99.5th percentiles: a few outliers must not shrink the whole map
        float[] bx = range(xs);
        float[] by = range(ys);
        double w = Math.max(1, canvas.getWidth() - TILE);
        double h = Math.max(1, canvas.getHeight() - TILE);
        scale = Math.min(w / Math.max(1e-6, bx[1] - bx[0]), h / Math.max(1e-6, by[1] - by[0]));
        offsetX = canvas.getWidth() / 2 - scale * (bx[0] + bx[1]) / 2;
        offsetY = canvas.getHeight() / 2 + scale * (by[0] + by[1]) / 2;
    }

    private static float[] range(float[] values) {
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        int lo = (int) (sorted.length * 0.005);
        int hi = Math.max(lo, (int) Math.ceil(sorted.length * 0.995) - 1);
        return new float[]{sorted[lo], sorted[hi]};
    }

    private double screenX(int i) {
        return offsetX + scale * points.x()[i];
    }

    private double screenY(int i) {
        return offsetY - scale * points.y()[i]; // up is up
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.web("#f6f8fa"));
        g.fillRect(0, 0, w, h);
        if (points == null || w <= 0 || h <= 0) {
            drawn = points != null;
            return;
        }
        if (Double.isNaN(scale)) {
            fitAll();
        }
        int n = points.photos().size();
        // dots, one colour at a time
        for (int c = 0; c < PALETTE.length; c++) {
            g.setFill(PALETTE[c]);
            for (int i = 0; i < n; i++) {
                if (colour[i] == c) {
                    double x = screenX(i);
                    double y = screenY(i);
                    if (x >= -DOT && y >= -DOT && x <= w + DOT && y <= h + DOT) {
                        g.fillRect(x - DOT / 2, y - DOT / 2, DOT, DOT);
                    }
                }
            }
        }
        // level of detail: the photo nearest each tile's centre is drawn as a picture
        int columns = (int) Math.ceil(w / TILE);
        int rows = (int) Math.ceil(h / TILE);
        int[] chosen = new int[columns * rows];
        double[] distance = new double[chosen.length];
        Arrays.fill(chosen, -1);
        for (int i = 0; i < n; i++) {
            double x = screenX(i);
            double y = screenY(i);
            if (x < 0 || y < 0 || x >= w || y >= h) {
                continue;
            }
            int col = (int) (x / TILE);
            int row = (int) (y / TILE);
            int tile = row * columns + col;
            double d = Math.hypot(x - (col + 0.5) * TILE, y - (row + 0.5) * TILE);
            if (chosen[tile] < 0 || d < distance[tile]) {
                chosen[tile] = i;
                distance[tile] = d;
            }
        }
        Set<Path> wanted = new HashSet<>();
        pictures.clear();
        for (int i : chosen) {
            if (i >= 0) {
                drawThumbnail(g, i, wanted);
            }
        }
        // requests for pictures no longer on screen are dropped
        requests.entrySet().removeIf(e -> {
            if (!wanted.contains(e.getKey())) {
                e.getValue().cancel();
                return true;
            }
            return false;
        });
        g.setStroke(Color.web("#cf222e"));
        g.setLineWidth(2);
        for (int i : saved) {
            g.strokeOval(screenX(i) - 7, screenY(i) - 7, 14, 14);
        }
        Photo pin = model.related().getPin();
        int pinned = pin == null ? -1 : points.photos().indexOf(pin); // List.of refuses to look for null
        if (pinned >= 0) {
            g.setStroke(Color.web("#0969da"));
            g.setLineWidth(3);
            g.strokeOval(screenX(pinned) - 8, screenY(pinned) - 8, 16, 16);
        }
        drawn = requests.isEmpty();
    }

    private void drawThumbnail(GraphicsContext g, int i, Set<Path> wanted) {
        Path path = points.photos().get(i).path();
        double cx = screenX(i);
        double cy = screenY(i);
        Image image = loader.cached(path);
        if (image == null) {
            if (!failed.contains(path)) {
                wanted.add(path);
                requests.computeIfAbsent(path, p -> loader.load(p, loaded -> {
                    requests.remove(p);
                    changed();
                }, reason -> {
                    requests.remove(p);
                    failed.add(p);
                    changed();
                }));
            }
            return;
        }
        double k = Math.min(THUMB / image.getWidth(), THUMB / image.getHeight());
        double iw = image.getWidth() * k;
        double ih = image.getHeight() * k;
        g.setFill(Color.WHITE);
        g.fillRect(cx - iw / 2 - 2, cy - ih / 2 - 2, iw + 4, ih + 4);
        g.drawImage(image, cx - iw / 2, cy - ih / 2, iw, ih);
        pictures.add(new double[]{i, cx - iw / 2, cy - ih / 2, cx + iw / 2, cy + ih / 2});
        g.setStroke(PALETTE[colour[i]]);
        g.setLineWidth(1.5);
        g.strokeRect(cx - iw / 2 - 2, cy - ih / 2 - 2, iw + 4, ih + 4);
    }

    private void press(MouseEvent event) {
        dragX = event.getX();
        dragY = event.getY();
        dragged = false;
    }

    private void drag(MouseEvent event) {
        if (Double.isNaN(scale)) {
            return;
        }
        offsetX += event.getX() - dragX;
        offsetY += event.getY() - dragY;
        dragged |= Math.hypot(event.getX() - dragX, event.getY() - dragY) > 0;
        dragX = event.getX();
        dragY = event.getY();
        changed();
    }

    private void release(MouseEvent event) {
        if (!dragged && event.getButton() == MouseButton.PRIMARY) {
            Photo photo = photoAt(event.getX(), event.getY());
            if (photo != null) {
                model.pin(photo);
            }
        }
    }

    private void scroll(ScrollEvent event) {
        if (Double.isNaN(scale) || event.getDeltaY() == 0) {
            return;
        }
        zoom(Math.pow(1.0015, event.getDeltaY()), event.getX(), event.getY());
        event.consume();
    }

    /** Zooms by {@code factor} keeping the point under ({@code x}, {@code y}) where it is. */
    void zoom(double factor, double x, double y) {
        offsetX = x - (x - offsetX) * factor;
        offsetY = y - (y - offsetY) * factor;
        scale *= factor;
        changed();
    }

    /** The photo drawn at a canvas point: a picture under it, else the nearest dot within a few pixels. */
    Photo photoAt(double x, double y) {
        if (points == null || Double.isNaN(scale)) {
            return null;
        }
        for (int k = pictures.size() - 1; k >= 0; k--) {
            double[] p = pictures.get(k);
            if (x >= p[1] && x <= p[3] && y >= p[2] && y <= p[4]) {
                return points.photos().get((int) p[0]);
            }
        }
        int best = -1;
        double bestDistance = CLICK_RADIUS;
        for (int i = 0; i < points.photos().size(); i++) {
            double d = Math.hypot(screenX(i) - x, screenY(i) - y);
            if (d < bestDistance) {
                best = i;
                bestDistance = d;
            }
        }
        return best < 0 ? null : points.photos().get(best);
    }

    /** Where a photo is drawn on the canvas (for tests), or null when it is not placed. */
    double[] placeOf(Photo photo) {
        int i = points == null ? -1 : points.photos().indexOf(photo);
        return i < 0 || Double.isNaN(scale) ? null : new double[]{screenX(i), screenY(i)};
    }

    /** Placed, drawn, and every picture on screen arrived: what a screenshot waits for. */
    boolean isSettled() {
        return points != null && drawn && !dirty;
    }

    Canvas canvas() {
        return canvas;
    }

    private static Color[] palette(int n) {
        Color[] colours = new Color[n];
        for (int i = 0; i < n; i++) {
            // hues spread by the golden angle, so neighbours in the palette differ
            colours[i] = Color.hsb((i * 137.508) % 360, 0.65, 0.8);
        }
        return colours;
    }
}
