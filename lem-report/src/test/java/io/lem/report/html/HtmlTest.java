package io.lem.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class HtmlTest {

    @Test
    void scriptJsonCannotCloseTheScriptBlockAndParsesBackToTheSameValue() {
        JsonMapper json = JsonMapper.builder().build();
        String hostile = "</script><script>alert(1)</script><!-- & \u2028";
        String safe = Html.scriptJson(json.writeValueAsString(java.util.Map.of("name", hostile)));
        assertThat(safe).doesNotContain("<", ">", "&", "\u2028");
        assertThat(json.readTree(safe).path("name").asString()).isEqualTo(hostile);
    }

    @Test
    void textEscapesMarkup() {
        assertThat(Html.text("a<b & \"c\" 'd'>")).isEqualTo("a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
    }
}
