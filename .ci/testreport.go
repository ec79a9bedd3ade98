//go:build ignore

// testreport reads `go test -json` on stdin and prints what a person needs
// of it: each package's result as it ends, every failing test's output,
// every skipped test with the reason it gave (a skip is never silent: one
// that gives no reason counts as a failure), every 30 s the packages still
// running and for how long (a whole run takes minutes, and silence looks
// like a hang), and a closing "N passed, N failed, N skipped" line. It
// exits 1 when anything failed (a test, a build, a package).
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
	"sync"
	"time"
)

// stillRunningEvery is how often the packages still running are listed.
const stillRunningEvery = 30 * time.Second

// progress prints lines from the reading loop and the ticker without
// interleaving them, and knows which packages are running since when.
type progress struct {
	mu      sync.Mutex
	running map[string]time.Time
}

func (p *progress) say(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Printf(format, args...)
}

func (p *progress) started(pkg string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.running[pkg] = time.Now()
}

func (p *progress) ended(pkg string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.running, pkg)
}

// tick lists the running packages every stillRunningEvery until done closes.
func (p *progress) tick(done <-chan struct{}) {
	t := time.NewTicker(stillRunningEvery)
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case <-t.C:
		}
		p.mu.Lock()
		var names []string
		for pkg, since := range p.running {
			names = append(names, fmt.Sprintf("%s (%s)", pkg, time.Since(since).Round(time.Second)))
		}
		sort.Strings(names)
		if len(names) > 0 {
			fmt.Printf("...  still running: %s\n", strings.Join(names, ", "))
		}
		p.mu.Unlock()
	}
}

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
	p := &progress{running: map[string]time.Time{}}
	done := make(chan struct{})
	go p.tick(done)
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 16<<20)
	for in.Scan() {
		var e event
		if err := json.Unmarshal(in.Bytes(), &e); err != nil {
			p.say("%s\n", in.Text()) // build errors come as plain text
			continue
		}
		key := e.Package + " " + e.Test
		if e.Test == "" && (e.Action == "pass" || e.Action == "fail" || e.Action == "skip") {
			p.ended(e.Package)
		}
		switch e.Action {
		case "start":
			p.started(e.Package)
		case "output":
			if len(output[key]) < 400 {
				output[key] = append(output[key], e.Output)
			}
		case "pass":
			if e.Test == "" {
				p.say("ok   %s (%.1fs)\n", e.Package, e.Elapsed)
			} else if !strings.Contains(e.Test, "/") {
				passed++
			}
			delete(output, key)
		case "skip":
			if e.Test == "" {
				p.say("---  %s (no tests)\n", e.Package)
			} else if why := reason(output[key]); why == "" {
				failed++ // a silent skip hides what was not tested
				failures = append(failures, "== "+key+"\nskipped without a reason: say what it needed, t.Skip(\"NOT TESTED: needs ...\")\n")
			} else {
				skipped++
				skips = append(skips, fmt.Sprintf("%s %s: %s", e.Package, e.Test, why))
			}
			delete(output, key)
		case "fail":
			if e.Test == "" {
				p.say("FAIL %s (%.1fs)\n", e.Package, e.Elapsed)
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
	close(done)
	p.mu.Lock() // the ticker may be printing its last line
	defer p.mu.Unlock()
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
