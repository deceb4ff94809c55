package org.beelms.reference.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.beelms.reference.db.CourseRecord;
import org.beelms.reference.db.CourseRepository;
import org.beelms.reference.db.WikiArticleRecord;
import org.beelms.reference.db.WikiRepository;

/**
 * The client-rendered demo pages, the way a Next.js front end serves them: the HTML is a shell that
 * carries the page's data as JSON ({@code <script id="__NEXT_DATA__">}, so the titles are in the
 * HTML an HTTP-level check reads), and what a person sees is drawn by {@code _app.js} after its own
 * fetch to the API. {@code /login} is a form whose script logs in through the API and keeps the
 * token in {@code localStorage}; {@code /my-courses} lists the logged-in user's courses.
 *
 * <p>Served under {@code /app} next to the server-rendered pages ({@code /app/wiki}, {@code
 * /app/courses/{id}}, ...), and at the root for {@code /login} and {@code /my-courses}, which are
 * client-side pages anyway. With {@code --fault-page-script} the script reads the API's answers in
 * another shape ({@code body.items}, {@code body.data}) and throws a {@code TypeError}: the page
 * then shows only "Application error", while its HTML, still holding the titles, is unchanged.
 *
 * <p>Like the real front end, every page carries a cookie-consent bar fixed to the bottom of the
 * viewport until it is answered (72 px, a paragraph and the buttons Откажи/Приеми, in English
 * Decline/Accept; on the login page at 1280×800 it covers the submit button), and the UI language is
 * a persisted preference: {@code ?lang=en} stores it ({@code beelms.lang} cookie and localStorage) and
 * later pages render in it. {@link FrontEnd} switches on a never-answering script of another origin
 * and a hydration-style mismatch.
 */
final class ClientPages {

  static final String PREFIX = "/app";
  static final String SCRIPT = PREFIX + "/_app.js";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WikiRepository wiki;
  private final CourseRepository courses;
  private final String apiPrefix;
  static final String LANGUAGE_COOKIE = "beelms.lang";
  static final String CONSENT_COOKIE = "beelms.consent";
  private static final String STYLE = "html,body{margin:0}body{font-family:sans-serif}"
      + "nav{height:32px;line-height:32px;padding:0 8px;box-sizing:border-box}#app{padding:0 8px}"
      + ".login-page{height:calc(100vh - 32px);display:flex;flex-direction:column;justify-content:flex-end;"
      + "padding:0 8px 12px;box-sizing:border-box}#login-error{margin:0}"
      + ".consent{position:fixed;left:0;right:0;bottom:0;height:72px;display:flex;align-items:center;gap:12px;"
      + "padding:0 16px;background:#f3f4f6;border-top:1px solid #d1d5db;box-sizing:border-box}"
      + ".consent p{flex:1;margin:0;align-self:stretch;display:flex;align-items:center;font-size:12px;"
      + "color:#374151}";

  private final boolean brokenScript;
  private final FrontEnd frontEnd;
  private final String thirdPartyScript;

  ClientPages(WikiRepository wiki, CourseRepository courses, String apiPrefix, FrontEnd frontEnd,
      java.net.URI thirdPartyScript) {
    this.wiki = wiki;
    this.courses = courses;
    this.apiPrefix = apiPrefix;
    this.frontEnd = frontEnd;
    this.brokenScript = frontEnd.brokenScript();
    this.thirdPartyScript = thirdPartyScript == null ? null : thirdPartyScript.toString();
  }

  /** The request's cookies ({@code Cookie} header values) by name. */
  static Map<String, String> cookies(java.util.List<String> headers) {
    Map<String, String> cookies = new LinkedHashMap<>();
    for (String header : headers == null ? java.util.List.<String>of() : headers) {
      for (String pair : header.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          cookies.putIfAbsent(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
      }
    }
    return cookies;
  }

  /**
   * The shell for {@code path} below {@code base} ("" or {@code /app}), or empty for an unknown page.
   *
   * @param queryLanguage the page's {@code ?lang=}, or {@code null}: then the persisted preference, else bg
   * @param cookies the request's cookies (the language preference, the consent answer)
   */
  Optional<String> shell(String base, String path, String queryLanguage, Map<String, String> cookies) {
    String preference = HtmlPages.queryLanguage("lang=" + cookies.getOrDefault(LANGUAGE_COOKIE, ""));
    String language = queryLanguage != null ? queryLanguage
        : preference != null ? preference : WikiRepository.DEFAULT_LANGUAGE;
    Map<String, Object> props = new LinkedHashMap<>();
    String title;
    String page;
    if (path.equals("/login")) {
      page = "login";
      title = "Log in";
    } else if (path.equals("/my-courses")) {
      page = "my-courses";
      title = "My courses";
    } else if (base.isEmpty()) {
      return Optional.empty();
    } else if (path.equals("/wiki")) {
      page = "wiki";
      title = "Wiki";
      props.put("titles", wiki.list(null, language, true, 0, 100).items().stream()
          .map(WikiArticleRecord::title).toList());
    } else if (path.startsWith("/wiki/") && path.indexOf('/', "/wiki/".length()) < 0) {
      String slug = java.net.URLDecoder.decode(path.substring("/wiki/".length()),
          java.nio.charset.StandardCharsets.UTF_8);
      Optional<WikiArticleRecord> article = wiki.findBySlug(slug, language)
          .filter(a -> "active".equals(a.status()));
      if (article.isEmpty()) {
        return Optional.empty();
      }
      page = "article";
      title = article.get().title();
      props.put("slug", slug);
      props.put("title", title);
    } else if (path.equals("/courses")) {
      page = "courses";
      title = "Courses";
      props.put("titles", courses.listActive().stream().map(CourseRecord::title).toList());
    } else if (path.startsWith("/courses/") && path.indexOf('/', "/courses/".length()) < 0) {
      Optional<CourseRecord> course = uuid(path.substring("/courses/".length())).flatMap(courses::findActive);
      if (course.isEmpty()) {
        return Optional.empty();
      }
      page = "course";
      title = course.get().title();
      props.put("courseId", course.get().id().toString());
      props.put("title", title);
    } else {
      return Optional.empty();
    }
    if (page.equals("wiki") || page.equals("article")) {
      props.put("lang", language);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("page", page);
    data.put("props", props);
    if (queryLanguage != null) {
      data.put("persistLanguage", queryLanguage);
    }
    if (page.equals("login") && frontEnd.loginWithoutSession()) {
      data.put("loginWithoutSession", true);
    }
    boolean outsideWiki = !page.equals("wiki") && !page.equals("article") && !page.equals("login");
    if (outsideWiki && (frontEnd.hydration() == FrontEnd.Hydration.ALWAYS
        || frontEnd.hydration() == FrontEnd.Hydration.AFTER_LANGUAGE_SWITCH
        && !language.equals(WikiRepository.DEFAULT_LANGUAGE))) {
      data.put("hydrationMismatch", language);
    }
    String body = "<div id=\"app\" data-page=\"" + page + "\" data-base=\"" + HtmlPages.escape(base)
        + "\" data-api=\"" + HtmlPages.escape(apiPrefix) + "\"><p class=\"loading\">Loading…</p></div>"
        + (page.equals("login") ? loginForm() : "")
        + (cookies.containsKey(CONSENT_COOKIE) ? "" : consentBar(language))
        + "<script id=\"__NEXT_DATA__\" type=\"application/json\">" + json(data) + "</script>"
        + "<script src=\"" + SCRIPT + "\" defer></script>";
    if (page.equals("login")) {
      body = "<main class=\"login-page\">" + body + "</main>";
    }
    return Optional.of("<!DOCTYPE html>\n<html lang=\"" + HtmlPages.escape(language)
        + "\"><head><meta charset=\"UTF-8\"><title>" + HtmlPages.escape(title)
        + " – beelms</title><link rel=\"icon\" href=\"data:,\"><style>" + STYLE + "</style>"
        + (thirdPartyScript == null ? "" : "<script async src=\"" + HtmlPages.escape(thirdPartyScript)
        + "\"></script>") + "</head><body><nav>"
        + "<a href=\"" + base + "/wiki\">Wiki</a> | <a href=\"" + base + "/courses\">Courses</a> | <a href=\""
        + base + "/my-courses\">My courses</a> | <a href=\"" + base + "/login\">Log in</a></nav>" + body
        + "</body></html>\n");
  }

  /** The consent bar, fixed to the viewport's bottom until answered, in the page's language. */
  private static String consentBar(String language) {
    boolean english = language.equals("en");
    return "<div id=\"consent\" class=\"consent\" role=\"region\" aria-label=\"cookies\"><p class=\"text-xs "
        + "text-gray-700\">" + (english ? "We use cookies to keep you signed in and to see how the site is used."
        : "Използваме бисквитки, за да останете влезли и да виждаме как се използва сайтът.")
        + "</p><button type=\"button\" data-consent=\"declined\">" + (english ? "Decline" : "Откажи")
        + "</button><button type=\"button\" data-consent=\"accepted\">" + (english ? "Accept" : "Приеми")
        + "</button></div>";
  }

  private static String loginForm() {
    return "<form id=\"login-form\" method=\"post\" action=\"#\"><p><label>Email <input type=\"email\" name=\"email\""
        + " autocomplete=\"username\" required></label></p><p><label>Password <input type=\"password\""
        + " name=\"password\" autocomplete=\"current-password\" required></label></p>"
        + "<p><button type=\"submit\">Log in</button></p><p id=\"login-error\" role=\"alert\"></p></form>";
  }

  /** {@code _app.js}: fetches the page's data from the API and draws it. */
  String script() {
    String items = brokenScript ? "body.items" : "body";
    String item = brokenScript ? "body.data" : "body";
    return """
        (function () {
          'use strict';
          var root = document.getElementById('app');
          var page = root.getAttribute('data-page');
          var base = root.getAttribute('data-base');
          var api = root.getAttribute('data-api');
          var data = JSON.parse(document.getElementById('__NEXT_DATA__').textContent);
          var props = data.props || {};
          function itemsOf(body) { return %s; }
          function itemOf(body) { return %s; }
          function el(tag, text, attrs) {
            var e = document.createElement(tag);
            if (text !== undefined && text !== null) { e.textContent = text; }
            Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
            return e;
          }
          function show() {
            root.textContent = '';
            for (var i = 0; i < arguments.length; i++) { root.appendChild(arguments[i]); }
          }
          function crash(error) {
            show(el('h2', 'Application error: a client-side exception has occurred (see the browser console for more information).'));
            console.error(error);
          }
          function getJson(path, token) {
            var headers = { 'Accept': 'application/json' };
            if (token) { headers['Authorization'] = 'Bearer ' + token; }
            return fetch(api + path, { headers: headers }).then(function (r) {
              if (!r.ok) { throw new Error('GET ' + api + path + ' answered ' + r.status); }
              return r.json();
            });
          }
          function list(entries, cls) {
            var ul = el('ul', null, { 'class': cls });
            entries.forEach(function (entry) {
              var li = el('li');
              li.appendChild(entry.href ? el('a', entry.text, { href: entry.href }) : el('span', entry.text));
              if (entry.note) { li.appendChild(document.createTextNode(' (' + entry.note + ')')); }
              ul.appendChild(li);
            });
            return ul;
          }
          var remember = 'path=/; max-age=31536000; SameSite=Lax';
          if (data.persistLanguage) {
            window.localStorage.setItem('beelms.lang', data.persistLanguage);
            document.cookie = 'beelms.lang=' + data.persistLanguage + '; ' + remember;
          }
          var consent = document.getElementById('consent');
          if (consent) {
            consent.addEventListener('click', function (event) {
              var answer = event.target.getAttribute && event.target.getAttribute('data-consent');
              if (!answer) { return; }
              window.localStorage.setItem('beelms.consent', answer);
              document.cookie = 'beelms.consent=' + answer + '; ' + remember;
              consent.parentNode.removeChild(consent);
            });
          }
          if (data.hydrationMismatch) {
            // what React logs when the server's HTML (here: rendered in the persisted language) and the browser's first render differ
            setTimeout(function () {
              throw new Error('Hydration failed because the server rendered text didn\\'t match the client. As a result '
                + 'this tree will be regenerated on the client. (server: ' + data.hydrationMismatch + ', client: bg)');
            }, 0);
          }
          var lang = props.lang ? '?lang=' + encodeURIComponent(props.lang) : '';
          var token = window.localStorage.getItem('beelms.token');
          var pages = {
            'wiki': function () {
              return getJson('/wiki/articles' + lang).then(function (body) {
                show(el('h1', 'Wiki'), list(itemsOf(body).map(function (a) {
                  return { text: a.title, href: base + '/wiki/' + encodeURIComponent(a.slug) };
                }), 'articles'));
              });
            },
            'article': function () {
              return getJson('/wiki/articles/' + encodeURIComponent(props.slug) + lang).then(function (body) {
                var a = itemOf(body);
                show(el('h1', a.title), el('article', a.content, { lang: a.language }));
              });
            },
            'courses': function () {
              return getJson('/courses').then(function (body) {
                show(el('h1', 'Courses'), list(itemsOf(body).map(function (c) {
                  return { text: c.title, href: base + '/courses/' + c.id, note: c.isPaid ? 'paid' : 'free' };
                }), 'courses'));
              });
            },
            'course': function () {
              return getJson('/courses/' + props.courseId).then(function (body) {
                var c = itemOf(body);
                show(el('h1', c.title), el('p', c.description), list((c.curriculum || []).map(function (i) {
                  return { text: i.itemType + ': ' + (i.title || '') };
                }), 'curriculum'));
              });
            },
            'my-courses': function () {
              if (!token) {
                show(el('h1', 'My courses'), el('p', 'Log in to see your courses.'));
                return Promise.resolve();
              }
              return getJson('/users/me/courses', token).then(function (body) {
                show(el('h1', 'My courses'), list(itemsOf(body).map(function (c) {
                  return { text: c.title, href: base + '/courses/' + c.id, note: c.enrollmentStatus };
                }), 'my-courses'));
              });
            },
            'login': function () {
              show(el('h1', 'Log in'));
              var form = document.getElementById('login-form');
              form.addEventListener('submit', function (event) {
                event.preventDefault();
                if (data.loginWithoutSession) {
                  window.location.assign(base + '/my-courses');
                  return;
                }
                var error = document.getElementById('login-error');
                error.textContent = '';
                fetch(api + '/auth/login', {
                  method: 'POST',
                  headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
                  body: JSON.stringify({ email: form.elements.email.value, password: form.elements.password.value })
                }).then(function (r) {
                  return r.json().then(function (body) {
                    if (!r.ok || !body.accessToken) { throw new Error('Login failed (' + r.status + ')'); }
                    window.localStorage.setItem('beelms.token', body.accessToken);
                    window.location.assign(base + '/my-courses');
                  });
                }).catch(function (e) { error.textContent = e.message; });
              });
              return Promise.resolve();
            }
          };
          try {
            pages[page]().catch(crash);
          } catch (e) {
            crash(e);
          }
        })();
        """.formatted(items, item);
  }

  private static Optional<UUID> uuid(String text) {
    try {
      return Optional.of(UUID.fromString(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** JSON safe inside a {@code <script>} element: no {@code </script>} or HTML comment can close it. */
  private static String json(Map<String, Object> data) {
    try {
      return JSON.writeValueAsString(data).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("page data is not serialisable: " + e.getMessage(), e);
    }
  }
}
