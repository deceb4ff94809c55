package org.beelms.smoke.browser;

/**
 * The scripts the browser tier runs in a page ({@link Tab#script}: each is a function's body, its arguments in
 * {@code arguments}; it may return a promise).
 */
final class PageScripts {
    private PageScripts() {
    }

    /** Records failing {@code fetch} and XHR calls in {@code window.__beelmsFailed}; installed before page scripts. */
    static final String REQUEST_HOOK = """
            (function () {
              if (window.__beelmsFailed) { return; }
              var failed = window.__beelmsFailed = [];
              function note(method, url, status, error) {
                var absolute = String(url);
                try { absolute = new URL(String(url), location.href).href; } catch (e) { /* keep it as given */ }
                failed.push({ method: String(method || 'GET').toUpperCase(), url: absolute, status: status, error: error || '' });
              }
              var originalFetch = window.fetch;
              if (originalFetch) {
                window.fetch = function (input, init) {
                  var method = (init && init.method) || (input && input.method) || 'GET';
                  var url = (input && input.url) || input;
                  return originalFetch.apply(this, arguments).then(function (r) {
                    if (r.status >= 400) { note(method, r.url || url, r.status); }
                    return r;
                  }, function (e) { note(method, url, 0, String(e)); throw e; });
                };
              }
              var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
              XMLHttpRequest.prototype.open = function (method, url) { this.__beelms = [method, url]; return open.apply(this, arguments); };
              XMLHttpRequest.prototype.send = function () {
                var xhr = this;
                xhr.addEventListener('loadend', function () {
                  if (xhr.status === 0 || xhr.status >= 400) {
                    note(xhr.__beelms && xhr.__beelms[0], xhr.__beelms && xhr.__beelms[1], xhr.status, xhr.status === 0 ? 'network error' : '');
                  }
                });
                return send.apply(this, arguments);
              };
            })();
            """;

    /**
     * Failed requests as {@code [url, text]}: the hook's, plus other resources (scripts, styles, images) that answered
     * 4xx/5xx; not the browser's own {@code /favicon.ico} probe.
     */
    static final String COLLECT_FAILED = """
            var out = (window.__beelmsFailed || []).map(function (f) {
              return [f.url, f.method + ' ' + f.url + ' → ' + (f.status === 0 ? 'no answer' + (f.error ? ' (' + f.error + ')' : '') : f.status)];
            });
            performance.getEntriesByType('resource').forEach(function (e) {
              if (e.initiatorType !== 'fetch' && e.initiatorType !== 'xmlhttprequest' && e.responseStatus >= 400
                  && e.name.indexOf('/favicon.ico') < 0) {
                out.push([e.name, 'GET ' + e.name + ' (' + e.initiatorType + ') → ' + e.responseStatus]);
              }
            });
            return out;
            """;

    /**
     * Resources the page's elements ask for that have not finished (no Resource Timing entry yet), while the document
     * has not fired its load event: {@code []} once it has.
     */
    static final String PENDING_RESOURCES = """
            if (document.readyState === 'complete') { return []; }
            var done = {};
            performance.getEntriesByType('resource').forEach(function (e) { done[e.name] = true; });
            var pending = [];
            document.querySelectorAll('script[src], link[rel=stylesheet][href], img[src], iframe[src]').forEach(function (el) {
              var url = el.src || el.href;
              if (!url || url.indexOf('data:') === 0 || done[url] || pending.indexOf(url) >= 0) { return; }
              if (el.tagName === 'IMG' && el.complete) { return; }
              pending.push(url);
            });
            return pending;
            """;

    static final String NAVIGATION_STATUS = "var n = performance.getEntriesByType('navigation')[0];"
            + " return n && n.responseStatus ? n.responseStatus : 0;";

    /** A promise settled after the page's already queued tasks (two task turns, so timers set by those run too). */
    static final String NEXT_TASKS = "return new Promise(function (done) {"
            + " setTimeout(function () { setTimeout(done, 0); }, 0); });";

    static final String VISIBLE_TEXT = "return document.body ? document.body.innerText : '';";

    /** A short description of an element, e.g. {@code <p class="text-xs text-gray-700">}; defined as {@code d}. */
    private static final String DESCRIBE = """
            function d(el) {
              if (!el || !el.tagName) { return String(el); }
              var s = '<' + el.tagName.toLowerCase();
              if (el.id) { s += ' id="' + el.id + '"'; }
              var c = el.getAttribute('class');
              if (c) { s += ' class="' + c.trim().replace(/\\s+/g, ' ').slice(0, 60) + '"'; }
              return s + '>';
            }
            """;

    /** Whether an element takes up room on the page (Selenium's "displayed", near enough); defined as {@code shown}. */
    private static final String SHOWN = """
            function shown(el) {
              if (!el || !el.isConnected) { return false; }
              var r = el.getBoundingClientRect(), st = getComputedStyle(el);
              return r.width > 0 && r.height > 0 && st.visibility !== 'hidden' && st.display !== 'none';
            }
            function firstShown(selector) {
              var all = document.querySelectorAll(selector);
              for (var i = 0; i < all.length; i++) { if (shown(all[i])) { return all[i]; } }
              return null;
            }
            """;

    /** Whether the page shows an element matching the selector {@code arguments[0]}. */
    static final String SHOWS = SHOWN + "return !!firstShown(arguments[0]);";

    /** Focuses the first shown element matching {@code arguments[0]}; {@code false} when there is none. */
    static final String FOCUS = SHOWN + """
            var el = firstShown(arguments[0]);
            if (!el) { return false; }
            el.focus();
            return document.activeElement === el;
            """;

    /**
     * Focuses the first shown element matching {@code arguments[0]} and selects its text (what is typed next replaces
     * it, as after a person's Ctrl+A); {@code false} when there is none.
     */
    static final String FOCUS_AND_SELECT = SHOWN + """
            var el = firstShown(arguments[0]);
            if (!el) { return false; }
            el.focus();
            if (typeof el.select === 'function') { el.select(); }
            return document.activeElement === el;
            """;

    /** The visible text of the elements matching {@code arguments[0]}, joined by spaces. */
    static final String TEXT_OF = """
            return Array.prototype.map.call(document.querySelectorAll(arguments[0]), function (e) { return e.innerText || ''; })
                .filter(function (t) { return t.trim(); }).join(' ');
            """;

    /**
     * Scrolls the first shown element matching {@code arguments[0]} to the middle of the viewport and answers where
     * its centre is there and what covers it: {@code {x, y, cover}} with {@code cover} {@code null} when the element
     * itself (or a child of it) would receive a click; {@code null} when no such element is shown.
     */
    static final String SCROLL_TO_MIDDLE_AND_FIND_COVER = DESCRIBE + SHOWN + """
            var el = firstShown(arguments[0]);
            if (!el) { return null; }
            el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
            var r = el.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
            var top = document.elementFromPoint(x, y);
            return { x: x, y: y, cover: !top || top === el || el.contains(top) ? null : d(top) };
            """;

    /**
     * The consent bar's button to click: {@code arguments[0]} a CSS selector (or {@code null}: found by text),
     * {@code arguments[1]} the words of the wanted answer, {@code arguments[2]} the words of the other answer (a bar
     * has both). Answers {@code [x, y, label, description of the bar]} (the button's centre) or {@code null}, and keeps
     * the button as {@code window.__beelmsConsent} for {@link #CONSENT_SHOWN}. Only buttons inside an element whose
     * computed position is fixed or sticky count.
     */
    static final String FIND_CONSENT_BUTTON = DESCRIBE + """
            function fixedAncestor(el) {
              for (var e = el; e && e !== document.documentElement; e = e.parentElement) {
                var p = getComputedStyle(e).position;
                if (p === 'fixed' || p === 'sticky') { return e; }
              }
              return null;
            }
            function shown(el) { var r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; }
            function found(b, bar) {
              window.__beelmsConsent = b;
              var r = b.getBoundingClientRect();
              return [r.left + r.width / 2, r.top + r.height / 2, (b.innerText || b.value || '').trim(), d(bar)];
            }
            function label(el) { return (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().toLowerCase(); }
            if (arguments[0]) {
              var chosen = document.querySelector(arguments[0]);
              return chosen && shown(chosen) ? found(chosen, fixedAncestor(chosen) || chosen.parentElement) : null;
            }
            var wanted = arguments[1], other = arguments[2];
            var buttons = Array.prototype.slice.call(document.querySelectorAll(
                'button, [role=button], input[type=button], input[type=submit], a'));
            for (var i = 0; i < buttons.length; i++) {
              var b = buttons[i];
              if (!shown(b) || wanted.indexOf(label(b)) < 0) { continue; }
              var bar = fixedAncestor(b);
              if (!bar) { continue; }
              var both = Array.prototype.slice.call(bar.querySelectorAll('button, [role=button], input[type=button], a'))
                  .some(function (o) { return other.indexOf(label(o)) >= 0; });
              if (both) { return found(b, bar); }
            }
            return null;
            """;

    /** Whether the consent button {@link #FIND_CONSENT_BUTTON} found is still shown (its bar not yet gone). */
    static final String CONSENT_SHOWN = SHOWN + "return shown(window.__beelmsConsent);";

    /** The front end's localStorage as {@code {key: value}}. */
    static final String READ_STORAGE = """
            var out = {};
            try {
              for (var i = 0; i < localStorage.length; i++) { var k = localStorage.key(i); out[k] = localStorage.getItem(k); }
            } catch (e) { return null; }
            return out;
            """;

    /** Puts the localStorage back to {@code arguments[0]}: keys added since removed, changed ones restored. */
    static final String WRITE_STORAGE = """
            var was = arguments[0], changed = [];
            for (var i = localStorage.length - 1; i >= 0; i--) {
              var k = localStorage.key(i);
              if (!(k in was)) { localStorage.removeItem(k); changed.push(k); }
            }
            Object.keys(was).forEach(function (k) {
              if (localStorage.getItem(k) !== was[k]) { localStorage.setItem(k, was[k]); changed.push(k); }
            });
            return changed;
            """;
}
