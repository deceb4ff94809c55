package org.beelms.smoke.checks;

import org.beelms.smoke.client.ApiResponse;
import org.beelms.smoke.browser.Browser;
import org.beelms.smoke.client.BeelmsApi;
import org.beelms.smoke.client.Catalogue.Article;
import org.beelms.smoke.client.Catalogue.Course;
import org.beelms.smoke.client.Catalogue.CourseDetail;
import org.beelms.smoke.client.Json;
import org.beelms.smoke.client.PageVisit;
import org.beelms.smoke.config.SmokeMode;
import org.beelms.smoke.junit.BeelmsPages;
import org.beelms.smoke.junit.BeelmsTarget;
import org.beelms.smoke.junit.ChecklistItem;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;
import org.opentest4j.TestAbortedException;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The browser tier ({@code pages}): the DEMO pages of WS-1..WS-3 opened in headless Chromium, the way a person does the
 * visual check. Each check waits (bounded) until the page shows data the API returned, fails on the page's console
 * errors and failed requests, and leaves a screenshot (linked from the JUnit XML, shown in the report's Visual check).
 * Read-only but for the login through the page's form; the smoke account's enrolment comes from the API (staging only).
 */
@BeelmsPages
@DisplayName("Pages (browser)")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class PagesSmoke {

    @Test
    @Order(1)
    @ChecklistItem({"WS1-DEMO-1", "WS1-DEMO-2"})
    @DisplayName("WS1-DEMO-1 WS1-DEMO-2 Browser: /wiki shows an article title the API listed")
    void wikiShowsArticles(@BeelmsTarget BeelmsApi api, Browser browser, TestInfo info, TestReporter reporter) {
        browser.url("/wiki"); // skips without webUrl before any API call
        List<String> titles = api.catalogue().articles().stream().map(Article::title).filter(Objects::nonNull).toList();
        Assumptions.assumeFalse(titles.isEmpty(), "GET /wiki/articles lists no article to look for (see WS1-DB-1)");
        check(browser.open(ids(info), info.getDisplayName(), "/wiki", titles), reporter);
    }

    @Test
    @Order(2)
    @ChecklistItem("WS1-DEMO-3")
    @DisplayName("WS1-DEMO-3 Browser: /wiki/[slug] shows the article's title")
    void articleShowsTitle(@BeelmsTarget BeelmsApi api, Browser browser, TestInfo info, TestReporter reporter) {
        browser.url("/wiki");
        Article a = api.catalogue().anyArticle();
        String title = Ws1WikiSmoke.apiTitle(api, a.slug(), null);
        check(browser.open(ids(info), info.getDisplayName(), "/wiki/" + a.slug(), List.of(title)), reporter);
    }

    @Test
    @Order(3)
    @ChecklistItem("WS1-DEMO-4")
    @DisplayName("WS1-DEMO-4 Browser: /wiki/[slug]?lang=en shows the English title")
    // the switch persists on the front end (cookie/localStorage): put back after the check, so the pages after it
    // render as they would without it whatever the order
    void articleSwitchesLanguage(@BeelmsTarget BeelmsApi api, Browser browser, TestInfo info, TestReporter reporter) {
        browser.url("/wiki");
        Article a = api.catalogue().englishArticle().orElse(null);
        Assumptions.assumeTrue(a != null, "no article has an English (lang=en) version to switch to");
        String title = Ws1WikiSmoke.apiTitle(api, a.slug(), "en");
        check(browser.open(ids(info), info.getDisplayName(), "/wiki/" + a.slug() + "?lang=en", List.of(title), true),
                reporter);
    }

    @Test
    @Order(4)
    @ChecklistItem("WS3-DEMO-1")
    @DisplayName("WS3-DEMO-1 Browser: /courses shows a course title from the catalog")
    void catalogShowsCourses(@BeelmsTarget BeelmsApi api, Browser browser, TestInfo info, TestReporter reporter) {
        browser.url("/courses");
        List<String> titles = api.catalogue().courses().stream().map(Course::title).filter(Objects::nonNull).toList();
        Assumptions.assumeFalse(titles.isEmpty(), "GET /courses lists no course to look for (see WS3-API-1)");
        check(browser.open(ids(info), info.getDisplayName(), "/courses", titles), reporter);
    }

    @Test
    @Order(5)
    @ChecklistItem("WS3-DEMO-2")
    @DisplayName("WS3-DEMO-2 Browser: /courses/[courseId] shows the course title")
    void courseShowsTitle(@BeelmsTarget BeelmsApi api, Browser browser, TestInfo info, TestReporter reporter) {
        browser.url("/courses");
        Course course = api.catalogue().anyCourse();
        String title = api.catalogue().detail(course.id()).course().title();
        check(browser.open(ids(info), info.getDisplayName(), "/courses/" + course.id(), List.of(title)), reporter);
    }

    @Test
    @Order(6)
    @ChecklistItem("WS2-DEMO-2")
    @DisplayName("WS2-DEMO-2 Browser: login through the login page's form")
    void logsInThroughTheForm(@BeelmsTarget BeelmsApi api, Browser browser, TestInfo info, TestReporter reporter) {
        browser.url("/");
        check(browser.login(ids(info), info.getDisplayName(), api.session().requireUserCredentials()), reporter);
    }

    @Test
    @Order(7)
    @ChecklistItem("WS3-DEMO-4")
    @DisplayName("WS3-DEMO-4 Browser: /my-courses shows the smoke account's course")
    void myCoursesShowsEnrolment(@BeelmsTarget BeelmsApi api, Browser browser, TestInfo info, TestReporter reporter) {
        browser.url("/my-courses");
        if (!browser.loggedIn()) {
            PageVisit login = browser.login(List.of("WS2-DEMO-2"), "login for " + info.getDisplayName(),
                    api.session().requireUserCredentials());
            if (!login.ok()) {
                publish(login, reporter);
                throw new TestAbortedException("needs the browser's login (see WS2-DEMO-2): " + login.problem());
            }
        }
        List<String> titles = enrolledTitles(api);
        if (titles.isEmpty()) {
            if (api.config().mode() == SmokeMode.PRODUCTION) {
                throw new TestAbortedException("production mode leaves no residue: the smoke account is enrolled in no "
                        + "course, so /my-courses has nothing to show");
            }
            CourseDetail free = api.catalogue().findCourse(d -> true, true).orElseThrow(() ->
                    new TestAbortedException("the smoke account is enrolled in no course and the catalogue has no free "
                            + "course to enrol it in"));
            api.session().requireEnrolled(free.course().id());
            titles = enrolledTitles(api);
        }
        check(browser.open(ids(info), info.getDisplayName(), "/my-courses", titles), reporter);
    }

    private static List<String> enrolledTitles(BeelmsApi api) {
        ApiResponse r = api.http().asUser().get("/users/me/courses");
        if (r.statusCode() != 200) {
            throw new TestAbortedException("cannot read the smoke account's courses: GET /users/me/courses answered "
                    + r.statusCode() + " (see WS3-API-4)");
        }
        return Json.array(r, "GET /users/me/courses").stream().map(c -> c.get("title"))
                .filter(t -> t instanceof String s && !s.isBlank()).map(String.class::cast).toList();
    }

    private static List<String> ids(TestInfo info) {
        return info.getTestMethod().map(m -> m.getAnnotation(ChecklistItem.class)).map(c -> List.of(c.value()))
                .orElse(List.of());
    }

    /**
     * Links the screenshot (and the driver's log, when there is one) from the JUnit XML (Jenkins and GitLab read
     * {@code [[ATTACHMENT|path]]}) with the visit's notes (how a form was submitted, what of another origin failed).
     */
    private static void publish(PageVisit visit, TestReporter reporter) {
        visit.screenshotFile().ifPresent(png -> reporter.publishEntry(Map.of("beelms.screenshot",
                "[[ATTACHMENT|" + png.toAbsolutePath() + "]]")));
        visit.logFile().ifPresent(log -> reporter.publishEntry(Map.of("beelms.browserLog",
                "[[ATTACHMENT|" + log.toAbsolutePath() + "]]")));
        visit.notes().forEach(note -> reporter.publishEntry(Map.of("beelms.page", note)));
    }

    /** Publishes the visit's evidence, then judges. */
    private static void check(PageVisit visit, TestReporter reporter) {
        publish(visit, reporter);
        if (!visit.ok()) {
            fail(visit.problem());
        }
    }
}
