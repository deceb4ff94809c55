package org.beelms.smoke.browser;


import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What shows that the browser is logged in after the login form was submitted: leaving the login page is not enough (a
 * page that goes on without logging in leaves it too). One of: a token (a JWT, {@code eyJ….….…}) in the front end's
 * localStorage, sessionStorage or cookies (HttpOnly ones included) that was not there before the form was submitted;
 * the account's email shown on the page; a logout control ({@code Log out}, {@code Sign out}, {@code Изход}, …).
 * The description names where the token is kept, never its value.
 */
final class LoggedInState {
    /** Labels of a logout control, lower case. */
    static final List<String> LOGOUT_WORDS = List.of("log out", "logout", "sign out", "signout", "изход", "излез",
            "излизане", "abmelden", "déconnexion", "cerrar sesión");
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    /** Every stored value of the page's origin as {@code where → value}. */
    private static final String READ_STORES = """
            var out = {};
            [['localStorage', window.localStorage], ['sessionStorage', window.sessionStorage]].forEach(function (s) {
              try {
                for (var i = 0; i < s[1].length; i++) { var k = s[1].key(i); out[s[0] + ' "' + k + '"'] = s[1].getItem(k); }
              } catch (e) { }
            });
            return out;
            """;
    /** The label of a visible logout control, or null. */
    private static final String FIND_LOGOUT = """
            var words = arguments[0];
            var all = document.querySelectorAll('a, button, [role=button], [role=menuitem], input[type=submit]');
            for (var i = 0; i < all.length; i++) {
              var e = all[i], r = e.getBoundingClientRect();
              var label = ((e.innerText || e.value || '') + ' ' + (e.getAttribute('aria-label') || '')).trim();
              var low = label.toLowerCase();
              if (r.width > 0 && r.height > 0 && words.some(function (w) { return low === w || low.indexOf(w) === 0; })) {
                return label;
              }
            }
            return null;
            """;

    private final Map<String, String> tokensBefore;

    private LoggedInState(Map<String, String> tokensBefore) {
        this.tokensBefore = tokensBefore;
    }

    /** Takes note of the tokens already stored (before the form is submitted): they prove nothing about this login. */
    static LoggedInState before(Tab d) {
        return new LoggedInState(tokens(d));
    }

    /** Waits (bounded) for the logged-in state: what showed it, or {@code null} with the visit's problem set. */
    String await(Visit v, Duration timeout, String loginPath, String email) {
        String seen = Poll.until(timeout, POLL, () -> seen(v.d, email));
        if (seen == null) {
            v.problem = "left " + loginPath + " for " + path(v.d) + " after submitting the login form (" + v.how
                    + "), but saw no logged-in state within " + timeout + " (beelms.smoke.browser.timeout): no new token"
                    + " (JWT) in localStorage, sessionStorage or cookies, neither the account's email nor a logout"
                    + " control on the page";
        }
        return seen;
    }

    /** What shows the logged-in state now, or {@code null}. */
    String seen(Tab d, String email) {
        for (Map.Entry<String, String> token : tokens(d).entrySet()) {
            if (!token.getValue().equals(tokensBefore.get(token.getKey()))) {
                return "a token (JWT) stored in " + token.getKey();
            }
        }
        Object text = d.script(PageScripts.VISIBLE_TEXT);
        if (email != null && text instanceof String shown && shown.toLowerCase(Locale.ROOT)
                .contains(email.toLowerCase(Locale.ROOT))) {
            return "the account's email shown on " + path(d);
        }
        Object logout = d.script(FIND_LOGOUT, LOGOUT_WORDS);
        return logout == null ? null : "a logout control (\"" + FailureText.oneLine(String.valueOf(logout), 40)
                + "\") on " + path(d);
    }

    private static String path(Tab d) {
        try {
            return java.net.URI.create(d.url()).getPath();
        } catch (IllegalArgumentException | DevToolsException e) {
            return "the page";
        }
    }

    /** Stored values holding a JWT, by where they are kept ({@code localStorage "key"}, {@code cookie "name"}). */
    private static Map<String, String> tokens(Tab d) {
        Map<String, String> found = new LinkedHashMap<>();
        try {
            if (d.script(READ_STORES) instanceof Map<?, ?> stores) {
                stores.forEach((where, value) -> {
                    if (value != null && JWT.matcher(String.valueOf(value)).find()) {
                        found.put(String.valueOf(where), String.valueOf(value));
                    }
                });
            }
            for (Map<String, Object> c : d.cookies()) {
                String value = String.valueOf(c.get("value"));
                if (JWT.matcher(value).find()) {
                    found.put("cookie \"" + c.get("name") + "\"" + (Boolean.TRUE.equals(c.get("httpOnly"))
                            ? " (HttpOnly)" : ""), value);
                }
            }
        } catch (DevToolsException e) {
            // an unreadable store shows nothing: the other signs may still show the state
        }
        return found;
    }
}
