package dev.rewards.code.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import dev.rewards.code.Language;
import dev.rewards.web.JsonLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Which class names the file and which one runs, over a table of tricky sources (java-classes.jsonl). */
class JavaClassesTests {

    static Stream<JsonNode> sources() {
        return JsonLines.read(JavaClassesTests.class, "/java-classes.jsonl").stream();
    }

    private static String textOrNull(JsonNode row, String field) {
        return row.get(field).isNull() ? null : row.get(field).asString();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("sources")
    void publicAndMainClassAreFound(JsonNode row) {
        JavaClasses classes = JavaClasses.scan(row.get("source").asString());
        String why = row.get("why").asString();
        assertThat(classes.publicTopLevel()).as("public class: " + why).isEqualTo(textOrNull(row, "public"));
        assertThat(classes.mainClass()).as("main class: " + why).isEqualTo(textOrNull(row, "main"));
    }

    /** The file is named after the public class (javac insists) and the run names the class holding main. */
    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("sources")
    void layoutNamesTheFileAfterThePublicClassAndRunsTheMainClass(JsonNode row) {
        Programs.SourceLayout layout = Programs.layout(Language.JAVA, row.get("source").asString());
        String publicClass = textOrNull(row, "public");
        String main = textOrNull(row, "main");
        assertThat(layout.fileName()).isEqualTo((publicClass == null ? "Main" : publicClass) + ".java");
        assertThat(layout.run(64)).last().isEqualTo(main != null ? main : publicClass != null ? publicClass : "Main");
    }

    @Test
    void unicodeEscapesAreTranslatedUnlessTheBackslashIsEscaped() {
        assertThat(JavaClasses.unicodeEscapesTranslated("class \\u0041\\uu0062")).isEqualTo("class Ab");
        assertThat(JavaClasses.unicodeEscapesTranslated("\"\\\\u0041\"")).isEqualTo("\"\\\\u0041\"");
        assertThat(JavaClasses.unicodeEscapesTranslated("\\u00")).isEqualTo("\\u00");
    }

    @Test
    void identifiersAreUnicodeAndLiteralsAreDropped() {
        assertThat(JavaClasses.tokens("class Główna$_1 { String s = \"class X\"; char c = '}'; }"))
                .containsExactly("class", "Główna$_1", "{", "String", "s", "=", ";", "char", "c", "=", ";", "}");
    }
}
