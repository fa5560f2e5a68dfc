package dev.pinwall.scan;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Finds the image files of a folder and orders them the way the wall shows them. */
public final class ImageFiles {

    /** File name extensions Pinwall decodes, lower case. */
    public static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");

    /** Pinwall's own folder inside a collection; never scanned. */
    public static final String PINWALL_FOLDER = ".pinwall";

    /**
     * By file name, case-insensitively, with runs of digits compared as numbers ({@code 2.jpg} before {@code 10.jpg});
     * ties (the same name in different subfolders) are broken by the full path, so the order is total.
     */
    public static final Comparator<Path> DISPLAY_ORDER = (a, b) -> {
        int byName = compareNatural(fileName(a), fileName(b));
        return byName != 0 ? byName : a.toString().compareTo(b.toString());
    };

    private ImageFiles() {
    }

    /** True when the file name has one of the supported image extensions (case-insensitive). */
    public static boolean isSupported(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return false;
        }
        String text = name.toString();
        int dot = text.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(text.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * What a scan found: the image files, and the entries that could not be followed or read (a folder link that
     * loops back, an unreadable subfolder), each with a reason a user can read.
     */
    public record Listing(List<Path> images, Map<Path, String> unreadable) {
        public Listing {
            images = List.copyOf(images);
            unreadable = Collections.unmodifiableMap(new LinkedHashMap<>(unreadable));
        }
    }

    /**
     * The supported image files in {@code folder} and its subfolders, as absolute paths in {@link #DISPLAY_ORDER}.
     * See {@link #scan}.
     *
     * @throws IOException when the folder does not exist, is not a folder, or cannot be read
     */
    public static List<Path> list(Path folder) throws IOException {
        return scan(folder).images();
    }

    /**
     * Scans {@code folder} and its subfolders. Hidden files and folders (names starting with a dot) and Pinwall's own
     * folder are skipped. Symbolic links to folders are followed. An image-named link whose target is missing or
     * loops is listed like any image (decoding then fails with the reason, as for any unreadable file); folder link
     * loops and unreadable subfolders are reported in {@link Listing#unreadable()}, never skipped silently.
     *
     * @throws IOException when the folder does not exist, is not a folder, or cannot be read
     */
    public static Listing scan(Path folder) throws IOException {
        Path root = folder.toAbsolutePath().normalize();
        if (!Files.exists(root)) {
            // No file argument: the exception's message is then exactly the reason.
            throw new NoSuchFileException(null, null, "folder not found: " + root);
        }
        if (!Files.isDirectory(root)) {
            throw new IOException("not a folder: " + root);
        }
        if (!Files.isReadable(root)) {
            throw new AccessDeniedException(null, null, "folder not readable: " + root);
        }
        List<Path> images = new ArrayList<>();
        Map<Path, String> unreadable = new LinkedHashMap<>();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        if (!dir.equals(root) && isHidden(dir)) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        // A link's own attributes arrive here only when its target cannot be reached.
                        if ((attrs.isRegularFile() || attrs.isSymbolicLink()) && !isHidden(file) && isSupported(file)) {
                            images.add(file);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (file.equals(root)) {
                            throw new IOException("folder not readable: " + root + " (" + e.getMessage() + ")", e);
                        }
                        if (isHidden(file)) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (e instanceof FileSystemLoopException) {
                            unreadable.put(file, "symbolic link loop (the folder link leads back to "
                                    + "a folder above it)");
                        } else if (e instanceof AccessDeniedException) {
                            unreadable.put(file, "folder not readable (permission denied)");
                        } else if (!(e instanceof NoSuchFileException)) { // deleted while listing: nothing to say
                            unreadable.put(file, "not readable: " + e.getMessage());
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        return new Listing(sortForDisplay(images), unreadable);
    }

    /** Why a symbolic link cannot be read: its target is missing, or it loops. */
    public static String brokenLinkReason(Path link) {
        try {
            link.toRealPath();
            return "symbolic link not readable";
        } catch (FileSystemLoopException e) {
            return "symbolic link loop";
        } catch (IOException e) {
            return String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("levels of symbolic links")
                    ? "symbolic link loop" : "broken symbolic link (its target is missing)";
        }
    }

    /** Sorts in {@link #DISPLAY_ORDER}, taking each file name once rather than twice per comparison. */
    private static List<Path> sortForDisplay(List<Path> paths) {
        record Named(String name, String full, Path path) {
        }
        List<Named> named = new ArrayList<>(paths.size());
        for (Path path : paths) {
            named.add(new Named(fileName(path), path.toString(), path));
        }
        named.sort((a, b) -> {
            int byName = compareNatural(a.name, b.name);
            return byName != 0 ? byName : a.full.compareTo(b.full);
        });
        List<Path> sorted = new ArrayList<>(named.size());
        for (Named entry : named) {
            sorted.add(entry.path);
        }
        return sorted;
    }

    private static boolean isHidden(Path path) {
        String name = fileName(path);
        // Name-based on purpose: Files.isHidden costs a system call per file on some platforms.
        return name.startsWith(".") || name.equals(PINWALL_FOLDER);
    }

    private static String fileName(Path path) {
        Path name = path.getFileName();
        return name == null ? path.toString() : name.toString();
    }

    /** Compares case-insensitively, treating each run of digits as one number. Allocates nothing. */
    static int compareNatural(String a, String b) {
        int i = 0;
        int j = 0;
        int n = a.length();
        int m = b.length();
        int leadingZeros = 0; // first difference in leading zeros of equal numbers: the last tie-breaker
        while (i < n && j < m) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (isDigit(ca) && isDigit(cb)) {
                int startA = i;
                int startB = j;
                while (startA < n && a.charAt(startA) == '0') {
                    startA++;
                }
                while (startB < m && b.charAt(startB) == '0') {
                    startB++;
                }
                int endA = startA;
                while (endA < n && isDigit(a.charAt(endA))) {
                    endA++;
                }
                int endB = startB;
                while (endB < m && isDigit(b.charAt(endB))) {
                    endB++;
                }
                int lengthA = endA - startA;
                int lengthB = endB - startB;
                if (lengthA != lengthB) {
                    return lengthA - lengthB; // more significant digits: the larger number
                }
                for (int k = 0; k < lengthA; k++) {
                    int d = a.charAt(startA + k) - b.charAt(startB + k);
                    if (d != 0) {
                        return d;
                    }
                }
                // Equal values: fewer leading zeros first ("1" < "01"), unless something later differs.
                if (leadingZeros == 0) {
                    leadingZeros = (startA - i) - (startB - j);
                }
                i = endA;
                j = endB;
            } else {
                if (ca != cb) {
                    char la = Character.toLowerCase(ca);
                    char lb = Character.toLowerCase(cb);
                    if (la != lb) {
                        return la - lb;
                    }
                }
                i++;
                j++;
            }
        }
        if (i < n || j < m) {
            return (n - i) - (m - j);
        }
        if (leadingZeros != 0) {
            return leadingZeros;
        }
        return a.compareTo(b); // equal ignoring case: fall back to a case-sensitive order
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
