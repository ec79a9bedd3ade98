package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
)

// initConfig writes a node config with `conun node init --yes` and the
// given flags, and returns its path.
func initConfig(t *testing.T, args ...string) string {
	t.Helper()
	data := t.TempDir()
	code, _, stderr := conun(t, append([]string{"node", "init", "--yes", "--data", data}, args...)...)
	if code != 0 {
		t.Fatalf("node init: exit %d: %s", code, stderr)
	}
	return filepath.Join(data, configName)
}

// TestInstallService: the unit written for a user and for the system runs
// the node with its config, restarts it on failure and not on a usage
// error, stops it with SIGTERM and waits serviceStopTimeout; and
// systemd-analyze verify accepts it. A broken config is refused before
// any unit is written.
func TestInstallService(t *testing.T) {
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("NOT TESTED: needs systemd-analyze (Debian package systemd; .ci/deps.d/systemd.sh installs it)")
	}
	cfg := initConfig(t, "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0")
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"user", []string{"--user"}, []string{"WantedBy=default.target"}},
		{"system", []string{"--system", "--run-as", "nobody"}, []string{"WantedBy=multi-user.target", "User=nobody"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			code, stdout, stderr := conun(t, append([]string{"node", "install-service", "--config", cfg, "--unit-dir", dir}, tc.args...)...)
			if code != 0 {
				t.Fatalf("install-service: exit %d: %s", code, stderr)
			}
			unitPath := filepath.Join(dir, serviceName)
			if !strings.Contains(stdout, unitPath) {
				t.Errorf("output %q does not name the unit", stdout)
			}
			b, err := os.ReadFile(unitPath)
			if err != nil {
				t.Fatal(err)
			}
			text := string(b)
			for _, w := range append(tc.want,
				"ExecStart="+exe+" node --config "+cfg+"\n",
				"Restart=on-failure", "RestartPreventExitStatus=2",
				"KillSignal=SIGTERM", "KillMode=mixed",
				fmt.Sprintf("TimeoutStopSec=%d\n", int(serviceStopTimeout.Seconds()))) {
				if !strings.Contains(text, w) {
					t.Errorf("unit lacks %q:\n%s", w, text)
				}
			}
			if tc.name == "system" && os.Geteuid() == 0 {
				// Run as root, install-service hands the config and the
				// data folder to the unit's account.
				for _, p := range []string{cfg, filepath.Dir(cfg)} {
					owner, err := exec.Command("stat", "-c", "%U", p).Output()
					if err != nil {
						t.Fatal(err)
					}
					if got := strings.TrimSpace(string(owner)); got != "nobody" {
						t.Errorf("%s owned by %s, want nobody", p, got)
					}
				}
			}
			out, err := exec.Command(analyze, "verify", unitPath).CombinedOutput()
			if err != nil {
				t.Fatalf("systemd-analyze verify: %v: %s\n%s", err, out, text)
			}
		})
	}
	t.Run("broken config", func(t *testing.T) {
		bad := filepath.Join(t.TempDir(), "node.yaml")
		if err := os.WriteFile(bad, []byte("slots: 1\nslotz: 2\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		code, _, stderr := conun(t, "node", "install-service", "--config", bad, "--unit-dir", dir, "--user")
		if code != 2 || !strings.Contains(stderr, "node.yaml:2:") {
			t.Fatalf("exit %d, %q; want 2 naming the line", code, stderr)
		}
		if _, err := os.Stat(filepath.Join(dir, serviceName)); err == nil {
			t.Fatal("a unit was written for a broken config")
		}
	})
}

// TestNodeLogFormat: a node's log on stderr is one JSON object a line
// with --log-format json, key=value lines with text, memberlist's lines
// included (--log-level debug lets them through); either way the
// unsandboxed warning is a WARN record.
func TestNodeLogFormat(t *testing.T) {
	skipShort(t, "node processes")
	tests := []struct {
		format string
		check  func(line string) (level, msg string, ok bool) // msg: all of a text line
	}{
		{"json", func(line string) (string, string, bool) {
			var rec struct {
				Time  time.Time
				Level string
				Msg   string
			}
			err := json.Unmarshal([]byte(line), &rec)
			return rec.Level, rec.Msg, err == nil && !rec.Time.IsZero()
		}},
		{"text", func(line string) (string, string, bool) {
			_, rest, ok := strings.Cut(line, "level=")
			level, _, _ := strings.Cut(rest, " ")
			return level, line, ok && strings.HasPrefix(line, "time=")
		}},
	}
	for _, tc := range tests {
		t.Run(tc.format, func(t *testing.T) {
			cfg := initConfig(t, "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0", "--sandbox", "none", "--fast-failure", "--log-format", tc.format, "--log-level", "debug")
			logPath := filepath.Join(t.TempDir(), "stderr")
			logFile, err := os.Create(logPath)
			if err != nil {
				t.Fatal(err)
			}
			defer logFile.Close()
			cmd := exec.Command(os.Args[0], "node", "--config", cfg)
			cmd.Env = append(os.Environ(), "CONUN_TEST_MAIN=1")
			cmd.Stderr = logFile
			n := startNodeCmd(t, cmd, false)
			// A second member joining and leaving makes memberlist log.
			other := startNode(t, "--data", t.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0", "--join", n.gossip)
			other.cmd.Process.Signal(syscall.SIGTERM)
			other.cmd.Wait()
			n.cmd.Process.Signal(syscall.SIGTERM)
			if err := n.cmd.Wait(); err != nil {
				t.Fatalf("node stopped with %v", err)
			}
			f, err := os.Open(logPath)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			sc := bufio.NewScanner(f)
			lines, warned, gossip := 0, false, false
			for sc.Scan() {
				lines++
				level, msg, ok := tc.check(sc.Text())
				if !ok {
					t.Fatalf("line %d is not a %s record: %q", lines, tc.format, sc.Text())
				}
				warned = warned || (level == "WARN" && strings.Contains(msg, "UNSANDBOXED"))
				gossip = gossip || (level == "DEBUG" && strings.Contains(sc.Text(), "memberlist:"))
			}
			if !warned || !gossip {
				t.Fatalf("%d lines: unsandboxed warning %v, memberlist's lines %v; want both", lines, warned, gossip)
			}
		})
	}
}

// TestServiceNodes: node processes started from config files alone (as
// the systemd unit starts them) join and render a job identical to a
// local render; one stopped with SIGTERM mid-lease, as systemctl stop
// does, exits cleanly within the unit's TimeoutStopSec and hands its lease
// back: every task is done with no failed attempt.
func TestServiceNodes(t *testing.T) {
	skipShort(t, "a cluster of node processes")
	ref := reference(t)
	start := func(env []string, args ...string) *nodeProc {
		cfg := initConfig(t, append([]string{"--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0", "--sandbox", "none", "--fast-failure"}, args...)...)
		cmd := exec.Command(os.Args[0], "node", "--config", cfg)
		cmd.Env = append(append(os.Environ(), "CONUN_TEST_MAIN=1"), env...)
		return startNodeCmd(t, cmd, false)
	}
	coord := start(nil)
	worker := start(nil, "--join", coord.gossip)
	slow := start([]string{"CONUN_TEST_SLOW=1"}, "--join", coord.gossip)
	// Calibrated, each: the tiny job is otherwise all rendered by the
	// coordinator before a worker's first lease (under -race here, where
	// a calibration takes seconds).
	waitFor(t, 60*time.Second, func() bool {
		code, out, _ := conun(t, "nodes", "--node", coord.url)
		return code == 0 && strings.Count(out, "\n") == 4 && strings.Count(out, "calibrated") == 3
	})
	code, stdout, stderr := conun(t, append([]string{"submit", "--node", coord.url}, job...)...)
	if code != 0 {
		t.Fatalf("submit: exit %d: %s", code, stderr)
	}
	id := strings.TrimSpace(stdout)
	c := api.NewClient(coord.url)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	stopped := make(chan error, 1)
	var took time.Duration
	sent := false
	state, err := c.Events(ctx, id, func(e api.Event) error {
		if !sent && e.Type == api.EventLeased && e.Node == slow.name {
			sent = true
			go func() {
				begin := time.Now()
				slow.cmd.Process.Signal(syscall.SIGTERM)
				done := make(chan error, 1)
				go func() { done <- slow.cmd.Wait() }()
				select {
				case err := <-done:
					took = time.Since(begin)
					stopped <- err
				case <-time.After(serviceStopTimeout):
					// systemd would SIGKILL here: the unit's timeout is too short.
					stopped <- context.DeadlineExceeded
				}
			}()
		}
		return nil
	})
	if err != nil || state != api.JobDone {
		t.Fatalf("job %s: state %s, err %v", id, state, err)
	}
	if !sent {
		t.Fatal("the slow node was never leased a task")
	}
	if err := <-stopped; err != nil {
		t.Fatalf("SIGTERM: the node did not exit cleanly within TimeoutStopSec (%v): %v", serviceStopTimeout, err)
	}
	t.Logf("SIGTERM to exit, holding a lease: %v", took)
	rep, err := c.Report(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range rep.Tasks {
		if tr.State != api.TaskDone || tr.Attempts != 0 {
			t.Fatalf("task %d: %+v; want done with no failed attempt", tr.Index, tr)
		}
	}
	rendered := false
	for _, n := range rep.Nodes {
		rendered = rendered || (n.Node == worker.name && n.Tasks > 0)
	}
	if !rendered {
		t.Fatalf("the joined worker rendered nothing: %+v", rep.Nodes)
	}
	out := t.TempDir()
	if code, _, stderr := conun(t, "fetch", "--node", coord.url, "--out", out, id); code != 0 {
		t.Fatalf("fetch: %s", stderr)
	}
	compareFrames(t, ref, out)
}
