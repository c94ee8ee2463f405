package io.kubenas.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The release workflow (.github/workflows/release.yml) cannot run here; what it publishes must still be what the chart
 * installs by default. Its image names and tags are checked against helm/kubenas/values.yaml and Chart.yaml, and
 * against the poms that name the images (the root pom's `images` profile, each image module's kubenas.image.name).
 */
class ReleaseWorkflowTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path ROOT = Helm.ROOT;

    private final JsonNode workflow = yaml(".github/workflows/release.yml");
    private final JsonNode chart = yaml("helm/kubenas/Chart.yaml");
    private final JsonNode values = yaml("helm/kubenas/values.yaml");
    private final String registry = workflow.path("env").path("IMAGE_REGISTRY").asText();

    @Test
    void chartVersionAppVersionAndPomVersionNameOneRelease() {
        String appVersion = chart.path("appVersion").asText();
        assertThat(chart.path("version").asText()).as("Chart.yaml version").isEqualTo(appVersion);
        assertThat(pomVersion("pom.xml").replaceFirst("-SNAPSHOT$", "")).as("the poms' version, without -SNAPSHOT")
                .isEqualTo(appVersion);
        for (String module : List.of("crds", "trainer-image", "operator", "helm", "e2e", "images")) {
            assertThat(parentVersion(module + "/pom.xml")).as(module + "/pom.xml's parent version").isEqualTo(pomVersion("pom.xml"));
        }
    }

    @Test
    void runsOnTheVersionTagOfTheChartsAppVersion() {
        JsonNode tags = workflow.path("on").path("push").path("tags");
        assertThat(tags).as("on.push.tags").hasSize(1);
        String tag = "v" + chart.path("appVersion").asText();
        assertThat(tag).as("the release tag of this chart").matches(githubGlob(tags.get(0).asText()));
        // Tags of branches or other names must not publish anything.
        assertThat("v" + chart.path("appVersion").asText() + "-rc1").doesNotMatch(githubGlob(tags.get(0).asText()));
    }

    @Test
    void pushesTheImagesTheChartsDefaultValuesPull() {
        assertThat(registry).isEqualTo("ghcr.io/kubenas");
        assertThat(values.path("operator").path("image").path("repository").asText()).isEqualTo(registry + "/operator");
        assertThat(values.path("trainer").path("image").path("repository").asText()).isEqualTo(registry + "/trainer");
        // An empty tag means the chart's appVersion (templates/_helpers.tpl), which the workflow checks against the tag.
        assertThat(values.path("operator").path("image").path("tag").asText()).isEmpty();
        assertThat(values.path("trainer").path("image").path("tag").asText()).isEmpty();

        // The Maven profile names the images REGISTRY/<kubenas.image.name>:<image.tag>, image.tag being the version.
        Document root = xml("pom.xml");
        assertThat(text(root, "//profile[id='images']//plugin[artifactId='jib-maven-plugin']/configuration/to/image"))
                .isEqualTo("${image.registry}/${kubenas.image.name}:${image.tag}");
        assertThat(text(root, "/project/properties/image.tag")).isEqualTo("${project.version}");
        assertThat(text(xml("operator/pom.xml"), "//profile[id='images']/properties/kubenas.image.name")).isEqualTo("operator");
        assertThat(text(xml("trainer-image/pom.xml"), "//profile[id='images']/properties/kubenas.image.name")).isEqualTo("trainer");

        String push = step("test-and-images", "Push the operator and trainer images").path("run").asText();
        assertThat(push).contains("-Pimages", "-Dimage.registry=${{ env.IMAGE_REGISTRY }}", "-pl operator,trainer-image")
                .doesNotContain("image.tag", "push.skip");
        String setVersion = step("test-and-images", "The release version in every pom (jars, image labels and tags)").path("run").asText();
        assertThat(setVersion).contains("versions:set", "-DnewVersion=\"${{ steps.version.outputs.version }}\"");
    }

    @Test
    void checksTheTagAgainstChartAndPomsBeforeAnythingElse() {
        String check = step("test-and-images", "Version from the tag, checked against the chart and the poms").path("run").asText();
        assertThat(check).contains("${GITHUB_REF_NAME#v}", "helm/kubenas/Chart.yaml", "^version:", "^appVersion:",
                "project.version", "-SNAPSHOT", "exit 1");
    }

    @Test
    void testsAndChecksTheImagesBeforePushingThem() {
        List<String> names = stepNames("test-and-images");
        int tests = names.indexOf("Tests (what .ci/run runs)");
        int checked = names.indexOf("Images on their public base, checked (nothing pushed yet)");
        int push = names.indexOf("Push the operator and trainer images");
        assertThat(tests).isNotNegative().isLessThan(checked);
        assertThat(checked).isLessThan(push);
        assertThat(step("test-and-images", "Tests (what .ci/run runs)").path("run").asText()).isEqualTo("./run-tests");
        assertThat(step("test-and-images", "Images on their public base, checked (nothing pushed yet)").path("run").asText())
                .contains("-Pimages", "-Dimage.registry=${{ env.IMAGE_REGISTRY }}", "-Dkubenas.image.push.skip=true", "-pl images");
    }

    @Test
    void buildsTheCudaTrainerFromDockerfileCudaWithTheCu128TagOfTheRelease() {
        String build = step("cuda-image", "Build and push the CUDA trainer image").path("run").asText();
        assertThat(build).contains("docker buildx build --push", "-f trainer-image/Dockerfile.cuda",
                "-t ${{ env.IMAGE_REGISTRY }}/trainer:${{ needs.test-and-images.outputs.version }}-cu128");
        assertThat(ROOT.resolve("trainer-image/Dockerfile.cuda")).exists();
        // values.yaml tells GPU users which tag to set: the same suffix.
        assertThat(read("helm/kubenas/values.yaml")).contains("Use the -cu128 variant on NVIDIA GPU nodes");
        assertThat(workflow.path("jobs").path("cuda-image").path("needs").asText()).isEqualTo("test-and-images");
    }

    @Test
    void pushesTheChartLastToItsOciRepository() {
        assertThat(workflow.path("env").path("CHART_REPOSITORY").asText()).isEqualTo("oci://ghcr.io/kubenas/charts");
        assertThat(workflow.path("jobs").path("chart").path("needs")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("test-and-images", "cuda-image");
        String run = step("chart", "Package and push the chart").path("run").asText();
        assertThat(run).contains("helm package helm/kubenas --destination dist",
                "helm push \"dist/" + chart.path("name").asText() + "-${{ needs.test-and-images.outputs.version }}.tgz\" ${{ env.CHART_REPOSITORY }}");
        assertThat(workflow.path("permissions").path("packages").asText()).isEqualTo("write");
    }

    @Test
    void imageSourceLabelIsTheChartsSourceRepository() {
        assertThat(text(xml("pom.xml"), "/project/properties/image.source")).isEqualTo(chart.path("sources").get(0).asText());
    }

    private JsonNode step(String job, String name) {
        for (JsonNode step : workflow.path("jobs").path(job).path("steps")) {
            if (name.equals(step.path("name").asText())) {
                return step;
            }
        }
        throw new AssertionError("job " + job + " of release.yml has no step named '" + name + "'; its steps: " + stepNames(job));
    }

    private List<String> stepNames(String job) {
        List<String> names = new ArrayList<>();
        workflow.path("jobs").path(job).path("steps").forEach(s -> names.add(s.path("name").asText(s.path("uses").asText())));
        return names;
    }

    /** A GitHub Actions filter pattern as a regex: `*` any run of characters but `/`, `+` one or more of what precedes. */
    private static String githubGlob(String pattern) {
        StringBuilder regex = new StringBuilder();
        Matcher m = Pattern.compile("\\[[^]]*]|\\*|\\+|\\?|.").matcher(pattern);
        while (m.find()) {
            String t = m.group();
            regex.append(switch (t) {
                case "*" -> "[^/]*";
                case "+", "?" -> t;
                default -> t.startsWith("[") ? t : Pattern.quote(t);
            });
        }
        return regex.toString();
    }

    private static String pomVersion(String pom) {
        return text(xml(pom), "/project/version");
    }

    private static String parentVersion(String pom) {
        return text(xml(pom), "/project/parent/version");
    }

    private static String text(Document doc, String xpath) {
        try {
            String value = javax.xml.xpath.XPathFactory.newInstance().newXPath().evaluate(xpath, doc).trim();
            assertThat(value).as("%s in the pom", xpath).isNotEmpty();
            return value;
        } catch (javax.xml.xpath.XPathExpressionException e) {
            throw new IllegalArgumentException(xpath, e);
        }
    }

    private static Document xml(String relative) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(ROOT.resolve(relative).toFile());
        } catch (Exception e) {
            throw new AssertionError("cannot parse " + relative, e);
        }
    }

    private static JsonNode yaml(String relative) {
        try {
            return YAML.readTree(ROOT.resolve(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(relative, e);
        }
    }

    private static String read(String relative) {
        try {
            return java.nio.file.Files.readString(ROOT.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(relative, e);
        }
    }
}
