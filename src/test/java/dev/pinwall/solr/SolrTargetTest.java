package dev.pinwall.solr;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SolrTargetTest {
    @Test
    void urlFormNamesANodeAndTheCollection() {
        SolrTarget target = SolrTarget.parse("solr:http://host:8983/solr/wall");
        assertThat(target.solrUrls()).containsExactly("http://host:8983/solr");
        assertThat(target.zkHosts()).isEmpty();
        assertThat(target.collection()).isEqualTo("wall");
        assertThat(SolrTarget.parse(target.spec())).isEqualTo(target);
        assertThat(SolrTarget.parse("solr:https://h/solr/c/").collection()).isEqualTo("c");
    }

    @Test
    void zooKeeperFormTakesSeveralHostsAndAChroot() {
        SolrTarget target = SolrTarget.parse("solr+zk:zk1:2181,zk2:2181/solr/wall");
        assertThat(target.zkHosts()).containsExactly("zk1:2181", "zk2:2181");
        assertThat(target.chroot()).contains("/solr");
        assertThat(target.collection()).isEqualTo("wall");
        assertThat(SolrTarget.parse(target.spec())).isEqualTo(target);
        assertThat(SolrTarget.parse("solr+zk:zk:2181/wall"))
                .isEqualTo(new SolrTarget(List.of(), List.of("zk:2181"), Optional.empty(), "wall"));
    }

    @Test
    void malformedFormsSayWhatTheFormIs() {
        assertThatThrownBy(() -> SolrTarget.parse("solr:http://host:8983/solr/"))
                .hasMessageContaining("solr:http://host:8983/solr/COLLECTION");
        assertThatThrownBy(() -> SolrTarget.parse("solr:ftp://host/solr/c")).hasMessageContaining("solr:http://");
        assertThatThrownBy(() -> SolrTarget.parse("solr+zk:zk:2181")).hasMessageContaining("COLLECTION");
        assertThatThrownBy(() -> SolrTarget.parse("solr+zk:zk:2181/")).hasMessageContaining("COLLECTION");
    }

    @Test
    void luceneCosineScoresConvertBack() {
        assertThat(SolrNeighbours.cosine(1f)).isEqualTo(1f);
        assertThat(SolrNeighbours.cosine(0.5f)).isEqualTo(0f);
        assertThat(SolrNeighbours.cosine(0f)).isEqualTo(-1f);
    }

    @Test
    void theConfigSetCarriesTheVectorLength() {
        assertThat(SolrCollections.configSet(1280).get("schema.xml"))
                .contains("vectorDimension=\"1280\"").contains("similarityFunction=\"cosine\"")
                .doesNotContain("VECTOR_DIMENSION");
        assertThatThrownBy(() -> SolrCollections.configSet(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
