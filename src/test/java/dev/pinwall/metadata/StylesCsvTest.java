package dev.pinwall.metadata;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StylesCsvTest {

    private static final String HEADER =
            "id,gender,masterCategory,subCategory,articleType,baseColour,season,year,usage,productDisplayName\n";

    @TempDir
    Path dir;

    @Test
    void readsKaggleRowsKeyedById() throws IOException {
        Path csv = write("styles.csv", HEADER
                + "15970,Men,Apparel,Topwear,Shirts,Navy Blue,Fall,2011,Casual,Turtle Check Men Navy Blue Shirt\n"
                + "39386,Men,Apparel,Bottomwear,Jeans,Blue,Summer,2012,Casual,Peter England Men Party Blue Jeans\n");

        StylesCsv styles = StylesCsv.read(csv);

        assertThat(styles.products()).hasSize(2);
        assertThat(styles.skippedRows()).isZero();
        assertThat(styles.products().get("15970")).isEqualTo(new ProductInfo("15970", "Men", "Apparel", "Topwear",
                "Shirts", "Navy Blue", "Fall", "2011", "Casual", "Turtle Check Men Navy Blue Shirt"));
        assertThat(styles.forImage(dir.resolve("images/39386.jpg")).map(ProductInfo::articleType)).contains("Jeans");
        assertThat(styles.forImage(dir.resolve("images/1.jpg"))).isEmpty();
    }

    @Test
    void joinsUnquotedCommasIntoTheDisplayName() throws IOException {
        Path csv = write("styles.csv", HEADER
                + "11349,Men,Apparel,Topwear,Tshirts,Black,Summer,2012,Casual,Lee Men Black, Grey, White T-shirt\n"
                + "1164,Men,Apparel,Topwear,Tshirts,Blue,Winter,2015,Sports,India Cricket Jersey\n");

        StylesCsv styles = StylesCsv.read(csv);

        assertThat(styles.products().get("11349").displayName()).isEqualTo("Lee Men Black, Grey, White T-shirt");
        assertThat(styles.products().get("11349").usage()).isEqualTo("Casual");
        assertThat(styles.products().get("1164").displayName()).isEqualTo("India Cricket Jersey");
        assertThat(styles.skippedRows()).isZero();
    }

    @Test
    void joinsSurplusIntoDisplayNameEvenWhenItIsNotLast() throws IOException {
        Path csv = write("labels.csv", "file,label,productDisplayName,source\n"
                + "7.jpg,Shirts,Red, Blue Shirt,kaggle\n");
        ProductInfo info = StylesCsv.read(csv).products().get("7");
        assertThat(info.displayName()).isEqualTo("Red, Blue Shirt");
    }

    @Test
    void followsTheHeaderNotTheColumnOrder() throws IOException {
        Path csv = write("styles.csv", "productDisplayName,extra,baseColour,ID,articleType\n"
                + "\"Nike Men's \"\"Air\"\" Shoe, white\",x,White,42,Sports Shoes\n");

        ProductInfo info = StylesCsv.read(csv).products().get("42");

        assertThat(info.displayName()).isEqualTo("Nike Men's \"Air\" Shoe, white");
        assertThat(info.baseColour()).isEqualTo("White");
        assertThat(info.articleType()).isEqualTo("Sports Shoes");
        assertThat(info.gender()).isEmpty(); // absent column
    }

    @Test
    void keysByFileStemWhenThereIsAFileColumn() throws IOException {
        Path csv = write("labels.csv", "file,label,id,articleType\n"
                + "images/1563.jpg,Tshirts,,Tshirts\n"
                + "1580.JPG,Swimwear,1580,Swimwear\n");
        StylesCsv styles = StylesCsv.read(csv);
        assertThat(styles.products()).containsOnlyKeys("1563", "1580");
        assertThat(styles.products().get("1563").id()).isEqualTo("1563");
        assertThat(styles.forImage(Path.of("1580.JPG")).map(ProductInfo::articleType)).contains("Swimwear");
    }

    @Test
    void skipsAndCountsMalformedRowsWithoutFailing() throws IOException {
        Path csv = write("styles.csv", HEADER
                + "1,Men,Apparel\n"                                             // too few fields
                + ",Men,Apparel,Topwear,Shirts,Blue,Fall,2011,Casual,No id\n"   // no key
                + "2,Men,Apparel,Topwear,Shirts,Blue,Fall,2011,Casual,\"Never closed\n"
                + "3,Women,Apparel,Topwear,Tops,Red,Fall,2011,Casual,\"Two\nlines\"\r\n"
                + "\n"
                + "4,Women,Apparel,Topwear,Tops,Red,Fall,2011,Casual,Fine\n");

        StylesCsv styles = StylesCsv.read(csv);

        assertThat(styles.products()).containsOnlyKeys("3", "4");
        assertThat(styles.products().get("3").displayName()).isEqualTo("Two\nlines");
        assertThat(styles.skippedRows()).isEqualTo(3);
    }

    @Test
    void toleratesByteOrderMarkCrlfAndBadBytes() throws IOException {
        byte[] text = ("\uFEFF" + HEADER.replace("\n", "\r\n")
                + "5,Men,Apparel,Topwear,Shirts,Blue,Fall,2011,Casual,Caf\u00e9 X\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] withBadByte = new byte[text.length + 60];
        System.arraycopy(text, 0, withBadByte, 0, text.length);
        byte[] tail = "6,Men,Apparel,Topwear,Shirts,Blue,Fall,2011,Casual,Bad \u00ff\r\n".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(tail, 0, withBadByte, text.length, tail.length);
        Path csv = dir.resolve("styles.csv");
        Files.write(csv, java.util.Arrays.copyOf(withBadByte, text.length + tail.length));

        StylesCsv styles = StylesCsv.read(csv);

        assertThat(styles.products().get("5").displayName()).isEqualTo("Caf\u00e9 X");
        assertThat(styles.products().get("6").displayName()).startsWith("Bad ");
    }

    @Test
    void refusesFileWithoutKeyColumn() throws IOException {
        Path csv = write("styles.csv", "name,colour\nx,red\n");
        assertThatThrownBy(() -> StylesCsv.read(csv)).isInstanceOf(IOException.class)
                .hasMessageContaining("no 'id' or 'file' column");
        Path empty = write("empty.csv", "");
        assertThatThrownBy(() -> StylesCsv.read(empty)).isInstanceOf(IOException.class)
                .hasMessageContaining("no header");
    }

    @Test
    void findsStylesInFolderOrBesideIt() throws IOException {
        Path kaggle = Files.createDirectories(dir.resolve("kaggle/images"));
        assertThat(StylesCsv.find(kaggle)).isEmpty();
        Path beside = write("kaggle/styles.csv", HEADER);
        assertThat(StylesCsv.find(kaggle)).contains(beside);
        Path inside = write("kaggle/images/styles.csv", HEADER);
        assertThat(StylesCsv.find(kaggle)).contains(inside);
        assertThat(StylesCsv.find(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void fallsBackToALabelsFileOnlyWhenThereIsNoStylesFile() throws IOException {
        Path images = Files.createDirectories(dir.resolve("dev/images"));
        Path labels = write("dev/labels.csv", "file,label,articleType\n1.jpg,Shoes,Casual Shoes\n");
        assertThat(StylesCsv.find(images)).contains(labels);
        assertThat(StylesCsv.read(labels).forImage(images.resolve("1.jpg")))
                .hasValueSatisfying(info -> assertThat(info.articleType()).isEqualTo("Casual Shoes"));
        Path styles = write("dev/styles.csv", HEADER);
        assertThat(StylesCsv.find(images)).contains(styles);
    }

    @Test
    void readsOnlyTheRowsOfTheImagesPresentFromALargeFile() throws IOException {
        Path csv = dir.resolve("labels.csv");
        try (var out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("file,label,articleType,baseColour,productDisplayName\n");
            for (int i = 0; i < 200_000; i++) {
                out.write(i + ".jpg,Label" + (i % 40) + ",Type" + (i % 40) + ",Colour" + (i % 7) + ",Product " + i
                        + (i % 1000 == 0 ? ", with a comma" : "") + "\n");
            }
            out.write("broken,\"never closed\n"); // malformed rows still counted
        }
        List<Path> images = List.of(dir.resolve("7.jpg"), dir.resolve("123456.jpg"), dir.resolve("sub/199999.png"),
                dir.resolve("2000.jpg"), dir.resolve("not-in-the-file.jpg"));

        StylesCsv styles = StylesCsv.read(csv, images);

        assertThat(styles.products()).containsOnlyKeys("7", "123456", "199999", "2000");
        assertThat(styles.forImage(dir.resolve("2000.jpg")))
                .hasValueSatisfying(info -> assertThat(info.displayName()).isEqualTo("Product 2000, with a comma"));
        assertThat(styles.forImage(dir.resolve("7.jpg")))
                .hasValueSatisfying(info -> assertThat(info.articleType()).isEqualTo("Type7"));
        assertThat(styles.skippedRows()).isEqualTo(1);
    }

    private Path write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
