package main

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/store/storetest"
)

// nodeArgs are the flags of a loopback node process on data.
func nodeArgs(data string, more ...string) []string {
	return append([]string{"node", "--fast-failure", "--sandbox", "none", "--data", data, "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0"}, more...)
}

// runNodeToExit runs `conun node` in its own OS process, one that is
// expected to refuse to start, and returns its exit code and output.
func runNodeToExit(t *testing.T, args []string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	cmd.Env = append(os.Environ(), "CONUN_TEST_MAIN=1")
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("node did not exit: %s", out)
	}
	if err != nil && cmd.ProcessState == nil {
		t.Fatal(err)
	}
	return cmd.ProcessState.ExitCode(), string(out)
}

// startNodeLines starts `conun node` in its own OS process and returns its
// API URL and the lines it printed until the one want matches (a start-up
// note), failing after a minute.
func startNodeLines(t *testing.T, args []string, want string) (string, []string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "CONUN_TEST_MAIN=1")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	lines := make(chan string, 64)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	var got []string
	url := ""
	deadline := time.After(time.Minute)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("node ended; printed %q", got)
			}
			got = append(got, l)
			if m := nodeLine.FindStringSubmatch(l); m != nil {
				url = m[2]
			}
			if url != "" && strings.Contains(l, want) {
				return url, got
			}
		case <-deadline:
			t.Fatalf("node printed %q, never %q", got, want)
		}
	}
}

// wantCorruptRefusal checks a node's refusal of a damaged store: a clear
// error naming the file and the ways out, exit code 1, and no panic.
func wantCorruptRefusal(t *testing.T, code int, out, path string) {
	t.Helper()
	for _, bad := range []string{"panic", "goroutine ", "fatal error", "SIGSEGV"} {
		if strings.Contains(out, bad) {
			t.Fatalf("the node crashed (%q):\n%s", bad, out)
		}
	}
	for _, want := range []string{path + " is corrupt", "conun backup", "--reset-store"} {
		if code != 1 || !strings.Contains(out, want) {
			t.Fatalf("exit %d, output lacks %q:\n%s", code, want, out)
		}
	}
}

// TestCorruptStoreAtStart: a node whose store (of 218 jobs) was truncated,
// had pages overwritten, or was emptied refuses to start with a clear error
// in a separate OS process (so no bbolt panic escapes unseen), and
// --reset-store moves the file aside, says so, and starts with no jobs (and
// keeps a sound store).
func TestCorruptStoreAtStart(t *testing.T) {
	for _, how := range storetest.Damages {
		t.Run(how, func(t *testing.T) {
			data := t.TempDir()
			path := farm.StorePath(data)
			storetest.Fill(t, path, 218, 4)
			storetest.Damage(t, path, how)
			code, out := runNodeToExit(t, nodeArgs(data))
			wantCorruptRefusal(t, code, out, path)

			url, _ := startNodeLines(t, nodeArgs(data, "--reset-store"), "moved aside as "+path+".corrupt-")
			moved, _ := filepath.Glob(path + ".corrupt-*")
			if len(moved) != 1 {
				t.Fatalf("moved aside: %v", moved)
			}
			code, stdout, stderr := conun(t, "jobs", "--json", "--node", url)
			var jobs []json.RawMessage
			if code != 0 || json.Unmarshal([]byte(stdout), &jobs) != nil || len(jobs) != 0 {
				t.Fatalf("jobs after the reset: exit %d, %s %s", code, stdout, stderr)
			}
			if how == storetest.Damages[0] {
				// The flag left on in a service file: a sound store is kept.
				sound := t.TempDir()
				storetest.Fill(t, farm.StorePath(sound), 5, 1)
				url, _ := startNodeLines(t, nodeArgs(sound, "--reset-store"), "is sound (or new): --reset-store kept it")
				code, stdout, _ := conun(t, "jobs", "--json", "--node", url)
				if json.Unmarshal([]byte(stdout), &jobs) != nil || code != 0 || len(jobs) != 5 {
					t.Fatalf("a sound store after --reset-store: exit %d, %s", code, stdout)
				}
			}
		})
	}
}

// TestBackupRestore: a backup taken through a running node's API after a
// real job, restored over a store that was lost, brings back every job; a
// stopped node's store is backed up from its file, and a running node's
// file is not touched.
func TestBackupRestore(t *testing.T) {
	data := t.TempDir()
	path := farm.StorePath(data)
	storetest.Fill(t, path, 218, 4) // a store with history
	node := startNode(t, "--data", data, "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0")
	code, stdout, stderr := conun(t, append([]string{"submit", "--node", node.url, "--wait", "--out", t.TempDir()}, job...)...)
	if code != 0 {
		t.Fatalf("submit: exit %d: %s %s", code, stdout, stderr)
	}
	listJobs := func(url string) []string {
		t.Helper()
		code, stdout, stderr := conun(t, "jobs", "--json", "--node", url)
		var jobs []struct{ ID, State string }
		if code != 0 || json.Unmarshal([]byte(stdout), &jobs) != nil {
			t.Fatalf("jobs: exit %d, %s %s", code, stdout, stderr)
		}
		var ids []string
		for _, j := range jobs {
			ids = append(ids, j.ID+" "+j.State)
		}
		return ids
	}
	before := listJobs(node.url)
	if len(before) != 219 {
		t.Fatalf("%d jobs before the backup, want 219", len(before))
	}
	backup := filepath.Join(t.TempDir(), "farm-backup.db")
	if code, stdout, stderr := conun(t, "backup", "--node", node.url, "--out", backup); code != 0 || !strings.Contains(stdout, "written to "+backup) {
		t.Fatalf("backup: exit %d: %s %s", code, stdout, stderr)
	}
	if code, _, stderr := conun(t, "backup", "--data", data, "--out", backup+".2"); code != 1 || !strings.Contains(stderr, "conun backup --node URL") {
		t.Fatalf("backup of a running node's file: exit %d: %s", code, stderr)
	}
	node.cmd.Process.Signal(os.Interrupt)
	node.cmd.Wait()
	if code, _, stderr := conun(t, "backup", "--data", data, "--out", backup+".2"); code != 0 {
		t.Fatalf("backup of a stopped node's file: exit %d: %s", code, stderr)
	}

	// The store is lost: the node refuses to start on what is left...
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	code, out := runNodeToExit(t, nodeArgs(data))
	wantCorruptRefusal(t, code, out, path)
	// ...and the backup, copied over it, brings every job back.
	for _, b := range []string{backup, backup + ".2"} {
		copyFile(t, b, path)
		restored := startNode(t, "--data", data, "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0")
		if after := listJobs(restored.url); strings.Join(after, ",") != strings.Join(before, ",") {
			t.Fatalf("restored from %s: %d jobs, want the %d backed up", b, len(after), len(before))
		}
		restored.cmd.Process.Signal(os.Interrupt)
		restored.cmd.Wait()
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}
