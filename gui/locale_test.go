package gui

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestNoLocaleError: this package's test binary, started as a new process
// in each C-like locale, prints no Fyne locale error. Fyne reads the locale
// in its package init, before any test or main runs, so only a fresh
// process shows whether internal/guilocale's init ran first.
func TestNoLocaleError(t *testing.T) {
	for _, lang := range []string{"C", "C.UTF-8", "POSIX", "C.utf8"} {
		t.Run(lang, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = []string{"LANG=" + lang, "PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("test binary with LANG=%s: %v\n%s", lang, err, out)
			}
			if strings.Contains(string(out), "locale") {
				t.Errorf("LANG=%s: %s", lang, out)
			}
		})
	}
}
