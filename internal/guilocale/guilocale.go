// Package guilocale gives the desktop app a locale Fyne can parse before
// Fyne reads it. Fyne's lang package reads the locale in its own init, and
// go-locale passes a C locale with a codeset (LANG=C.UTF-8, Debian's and
// most containers' default) through as the language "C", which fails to
// parse: every command of a gui build printed "Fyne error: Error parsing
// user locale C" before main ran.
//
// The fix has to run in an init: nothing in main runs before Fyne's. Go
// initialises packages in import-path order once their imports are ready,
// and this package, which needs only os and strings, sorts before
// github.com/nicksnyder/go-i18n, which Fyne's lang package waits for, so
// its init always runs first (TestNoLocaleError checks this on a real
// process).
package guilocale

import (
	"os"
	"strings"
)

func init() { Fallback(os.Getenv, os.Setenv) }

// Fallback sets LANGUAGE=en when the locale in effect (LC_ALL, then
// LC_MESSAGES, then LANG, as gettext reads them) is the C or POSIX locale
// with a codeset and LANGUAGE is unset: go-locale then reads the language
// from LANGUAGE. Nothing else changes, so renderers started by the app
// keep the user's LANG and codeset; gettext ignores LANGUAGE in the C
// locale anyway.
func Fallback(getenv func(string) string, setenv func(key, value string) error) {
	if getenv("LANGUAGE") != "" {
		return
	}
	for _, key := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(key)
		if v == "" {
			continue
		}
		lang, _, _ := strings.Cut(v, ".")
		if (lang == "C" || lang == "POSIX") && v != lang {
			setenv("LANGUAGE", "en")
		}
		return
	}
}
