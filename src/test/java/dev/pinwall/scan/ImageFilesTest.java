package dev.pinwall.scan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageFilesTest {

    @TempDir
    Path dir;

    @Test
    void recognisesImageExtensionsCaseInsensitively() {
        assertThat(ImageFiles.isSupported(Path.of("a.jpg"))).isTrue();
        assertThat(ImageFiles.isSupported(Path.of("a.JPEG"))).isTrue();
        assertThat(ImageFiles.isSupported(Path.of("x/b.Png"))).isTrue();
        assertThat(ImageFiles.isSupported(Path.of("c.bmp"))).isTrue();
        assertThat(ImageFiles.isSupported(Path.of("d.GIF"))).isTrue();
        assertThat(ImageFiles.isSupported(Path.of("e.webp"))).isFalse();
        assertThat(ImageFiles.isSupported(Path.of("styles.csv"))).isFalse();
        assertThat(ImageFiles.isSupported(Path.of("jpg"))).isFalse();
        assertThat(ImageFiles.isSupported(Path.of(".jpg"))).isFalse();
        assertThat(ImageFiles.isSupported(Path.of("/"))).isFalse();
    }

    @Test
    void listsImagesRecursivelyInDisplayOrderSkippingHiddenAndPinwallFolders() throws IOException {
        touch("10.jpg");
        touch("2.jpg");
        touch("1.PNG");
        touch("notes.txt");
        touch("styles.csv");
        touch(".hidden.jpg");
        touch(".pinwall/thumb.jpg");
        touch(".cache/x.jpg");
        touch("sub/3.jpeg");
        touch("sub/deeper/20.gif");
        Files.createDirectories(dir.resolve("folder.jpg")); // a folder with an image-like name is no image

        List<Path> images = ImageFiles.list(dir);

        assertThat(images).extracting(p -> dir.relativize(p).toString().replace('\\', '/'))
                .containsExactly("1.PNG", "2.jpg", "sub/3.jpeg", "10.jpg", "sub/deeper/20.gif");
        assertThat(images).allMatch(Path::isAbsolute);
    }

    @Test
    void listsFromRelativeSpellingAsAbsolutePaths() throws IOException {
        touch("a/1.jpg");
        List<Path> images = ImageFiles.list(dir.resolve("a/../a"));
        assertThat(images).containsExactly(dir.resolve("a/1.jpg").toAbsolutePath().normalize());
    }

    @Test
    void vanishedFolderGivesClearMessage() {
        Path gone = dir.resolve("gone");
        assertThatThrownBy(() -> ImageFiles.list(gone))
                .isInstanceOf(java.nio.file.NoSuchFileException.class)
                .hasMessage("folder not found: " + gone);
    }

    @Test
    void fileInsteadOfFolderGivesClearMessage() throws IOException {
        Path file = touch("a.jpg");
        assertThatThrownBy(() -> ImageFiles.list(file))
                .isInstanceOf(IOException.class).hasMessageContaining("not a folder");
    }

    @Test
    void ordersNumbersByValueAndTextCaseInsensitively() {
        List<String> expected = List.of("1.jpg", "01.jpg", "2.jpg", "10.jpg", "100.jpg", "a2.jpg", "A10.jpg",
                "b.jpg", "img 12.jpg", "img1b.jpg", "img01c.jpg", "img12.jpg", "x.jpg");
        List<Path> shuffled = new ArrayList<>();
        for (String name : expected) {
            shuffled.add(Path.of("/photos", name));
        }
        for (long seed = 0; seed < 5; seed++) {
            Collections.shuffle(shuffled, new Random(seed));
            shuffled.sort(ImageFiles.DISPLAY_ORDER);
            assertThat(shuffled).extracting(p -> p.getFileName().toString()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void breaksNameTiesByFolder() {
        List<Path> paths = new ArrayList<>(List.of(Path.of("/b/1.jpg"), Path.of("/a/1.jpg")));
        paths.sort(ImageFiles.DISPLAY_ORDER);
        assertThat(paths).containsExactly(Path.of("/a/1.jpg"), Path.of("/b/1.jpg"));
        assertThat(ImageFiles.compareNatural("99999999999999999999.jpg", "100000000000000000000.jpg")).isNegative();
    }

    private Path touch(String relative) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, relative.getBytes());
    }

    @Test
    void reportsLinkLoopsAndDanglingLinksInsteadOfSkippingThemSilently() throws IOException {
        Files.writeString(dir.resolve("real.jpg"), "x");
        Path dangling = Files.createSymbolicLink(dir.resolve("gone.jpg"), dir.resolve("deleted.jpg"));
        Path a = dir.resolve("a.jpg");
        Path b = dir.resolve("b.jpg");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Path loop = Files.createSymbolicLink(sub.resolve("again"), dir);

        ImageFiles.Listing listing = ImageFiles.scan(dir);

        // Image-named links that cannot be followed are listed, so they fail like any unreadable image.
        assertThat(listing.images()).extracting(p -> p.getFileName().toString())
                .containsExactly("a.jpg", "b.jpg", "gone.jpg", "real.jpg");
        assertThat(ImageFiles.brokenLinkReason(dangling)).isEqualTo("broken symbolic link (its target is missing)");
        assertThat(ImageFiles.brokenLinkReason(a)).isEqualTo("symbolic link loop");
        assertThat(listing.unreadable()).containsOnlyKeys(loop);
        assertThat(listing.unreadable().get(loop)).startsWith("symbolic link loop");
    }

    @Test
    void comparesNamesWithoutExtensionsNumbersAtEitherEndAndPrefixes() {
        // Numbers that end the name, and names that start with a number.
        assertThat(ImageFiles.compareNatural("img9", "img10")).isNegative();
        assertThat(ImageFiles.compareNatural("img10", "img9")).isPositive();
        assertThat(ImageFiles.compareNatural("13", "12")).isPositive();
        assertThat(ImageFiles.compareNatural("12", "13")).isNegative();
        assertThat(ImageFiles.compareNatural("x13", "X12")).isPositive();
        assertThat(ImageFiles.compareNatural("img12", "img12")).isZero();
        // A name that is the start of another comes first.
        assertThat(ImageFiles.compareNatural("a", "a1")).isNegative();
        assertThat(ImageFiles.compareNatural("a1", "a")).isPositive();
        assertThat(ImageFiles.compareNatural("photo", "photo b")).isNegative();
        assertThat(ImageFiles.compareNatural("photo b", "photo")).isPositive();
        // Equal numbers: fewer leading zeros first, in both directions and after a prefix.
        assertThat(ImageFiles.compareNatural("1", "01")).isNegative();
        assertThat(ImageFiles.compareNatural("01", "1")).isPositive();
        assertThat(ImageFiles.compareNatural("a1", "a01")).isNegative();
        assertThat(ImageFiles.compareNatural("a01", "a1")).isPositive();
        assertThat(ImageFiles.compareNatural("a001", "a01")).isPositive();
        // Numbers of zeros only, ending the name.
        assertThat(ImageFiles.compareNatural("img0", "img00")).isNegative();
        assertThat(ImageFiles.compareNatural("img00", "img0")).isPositive();
        // Equal but for case: a case-sensitive order, never "equal".
        assertThat(ImageFiles.compareNatural("A.jpg", "a.jpg")).isNegative();
        assertThat(ImageFiles.compareNatural("a.jpg", "A.jpg")).isPositive();
    }

    @Test
    void aLinkThatResolvesHasNoBrokenLinkReasonOfItsOwn() throws IOException {
        Path target = Files.writeString(dir.resolve("real.jpg"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("link.jpg"), target);
        assertThat(ImageFiles.brokenLinkReason(link)).isEqualTo("symbolic link not readable");
    }
}
