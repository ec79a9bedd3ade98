//go:build ignore

// testreport reads `go test -json` on stdin and prints what a person needs
// of it: each package's result as it ends, every failing test's output,
// every skipped test with the reason it gave (a skip is never silent), and
// a closing "N passed, N failed, N skipped" line. It exits 1 when anything
// failed (a test, a build, a package).
//
//	go test -json ./... | go run .ci/testreport.go
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
)

type event struct {
	Action  string
	Package string
	Test    string
	Output  string
	Elapsed float64
}

func main() {
	var passed, failed, skipped int
	output := map[string][]string{} // package/test -> its lines
	var skips, failures []string
	badPackage := false
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 16<<20)
	for in.Scan() {
		var e event
		if err := json.Unmarshal(in.Bytes(), &e); err != nil {
			fmt.Println(in.Text()) // build errors come as plain text
			continue
		}
		key := e.Package + " " + e.Test
		switch e.Action {
		case "output":
			if len(output[key]) < 400 {
				output[key] = append(output[key], e.Output)
			}
		case "pass":
			if e.Test == "" {
				fmt.Printf("ok   %s (%.1fs)\n", e.Package, e.Elapsed)
			} else if !strings.Contains(e.Test, "/") {
				passed++
			}
			delete(output, key)
		case "skip":
			if e.Test == "" {
				fmt.Printf("---  %s (no tests)\n", e.Package)
			} else {
				skipped++
				skips = append(skips, fmt.Sprintf("%s %s: %s", e.Package, e.Test, reason(output[key])))
			}
			delete(output, key)
		case "fail":
			if e.Test == "" {
				fmt.Printf("FAIL %s (%.1fs)\n", e.Package, e.Elapsed)
				badPackage = true
				if lines := output[key]; len(lines) > 0 {
					failures = append(failures, "== "+e.Package+"\n"+strings.Join(lines, ""))
				}
			} else {
				if !strings.Contains(e.Test, "/") {
					failed++
				}
				failures = append(failures, "== "+key+"\n"+strings.Join(output[key], ""))
			}
			delete(output, key)
		}
	}
	for _, f := range failures {
		fmt.Print(f)
	}
	if len(skips) > 0 {
		sort.Strings(skips)
		fmt.Printf("\nSkipped tests (%d): each names what it needed\n", len(skips))
		for _, s := range skips {
			fmt.Println("  " + s)
		}
	}
	fmt.Printf("\n%d passed, %d failed, %d skipped\n", passed, failed, skipped)
	if failed > 0 || badPackage {
		os.Exit(1)
	}
}

// reason is the message a skipped test gave: its output without the
// framework's own lines.
func reason(lines []string) string {
	var out []string
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "=== ") || strings.HasPrefix(l, "--- SKIP") {
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, " ")
}
