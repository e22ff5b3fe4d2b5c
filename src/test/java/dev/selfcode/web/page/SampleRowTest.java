package dev.selfcode.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.selfcode.web.view.TrendView;

/** The samples table's rows, written in Java for speed, read exactly as the template's cells did. */
class SampleRowTest {

    @Test
    void aRowCarriesTheChartsDataAndTheFormattedCells() {
        TrendView.Sample s = new TrendView.Sample(7, "0123456789abcdef", Instant.parse("2026-11-30T08:15:30Z"), 0.5,
                2.0, 3.25, 3, 2, 0, 1, null);

        assertThat(Fmt.sampleRow(s).getValue()).isEqualTo("""
                <tr data-sample="7" data-t="1796026530" data-roi="0.5" data-errors="2.0">
                  <td>2026-11-30 08:15 UTC</td><td><code>0123456</code></td><td class="num">0.500</td>\
                <td class="num">2.000</td><td class="num">3.250</td><td class="num">3</td><td class="num">2</td>\
                <td class="num">0</td><td class="num">1</td>
                </tr>""");
    }

    @Test
    void theCommitIdIsEscapedLikeAnyText() {
        TrendView.Sample s = new TrendView.Sample(1, "<i>\"'&x", Instant.EPOCH, 0, 0, 0, 0, 0, 0, 0, null);

        assertThat(Fmt.sampleRow(s).getValue()).contains("<code>&lt;i&gt;&quot;&#39;&amp;x</code>")
                .doesNotContain("<i>");
    }
}
