package sandbox

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/blender"
)

// TestHostileScene runs a .blend's attacks on the node, on purpose, inside
// the sandbox (the Blender backend never runs a scene's Python by itself):
// each fails or is killed inside the box, the task fails with the reason,
// nothing appears on the host outside the output directory, and the node
// keeps rendering afterwards.
func TestHostileScene(t *testing.T) {
	haveBlender(t)

	// A node's data dir with its key file next to it, and a listener that
	// would see any connection from the box.
	nodeDir := t.TempDir()
	secret := make([]byte, 16)
	rand.Read(secret)
	keyFile := filepath.Join(nodeDir, "node.key")
	os.WriteFile(keyFile, []byte(hex.EncodeToString(secret)), 0o600)
	ln, err := net.Listen("tcp", "0.0.0.0:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan net.Addr, 10)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			accepted <- c.RemoteAddr()
			c.Close()
		}
	}()
	port := ln.Addr().(*net.TCPAddr).Port
	escapeDir := t.TempDir()
	src := blendScene(t, "hostile", hostIP(), strconv.Itoa(port), keyFile, escapeDir, strconv.FormatInt(testConfig(t).Memory*10, 10))
	dataDir := filepath.Join(nodeDir, "data")
	os.MkdirAll(dataDir, 0o700)
	scene := filepath.Join(dataDir, "hostile.blend")
	data, _ := os.ReadFile(src)
	os.WriteFile(scene, data, 0o600) // as the blob store keeps them

	tests := []struct {
		attack  string
		timeout time.Duration
		want    []string // in the error
		is      error    // matched with errors.Is
		orWant  string   // in the error, accepted in place of is
	}{
		{attack: "net", want: []string{"ATTACK net:", "Network is unreachable", "Connection refused", "dns "}},
		{attack: "read", want: []string{"ATTACK read:", "/etc/shadow [Errno 13] Permission denied", keyFile + " [Errno 2] No such file", "scene dir holds ['hostile.blend']"}},
		{attack: "write", want: []string{"ATTACK write:", "/escape [Errno 30] Read-only file system", "/usr/escape [Errno 30]", "/tmp/inside-ok ok (the box tmpfs)"}},
		{attack: "fork", want: []string{"ATTACK fork:", "Resource temporarily unavailable"}},
		{attack: "mem", is: ErrOutOfMemory},
		// The output dir's watch (polled) or the per-file cap, whichever
		// comes first, stops the filling.
		{attack: "disk", want: []string{"/tmp after 16 MiB: [Errno 28] No space left on device"}, is: ErrOutputLimit, orWant: "File too large"},
		{attack: "sleep", timeout: 5 * time.Second, is: ErrTimeout},
		// Not an attack that is contained: the proof that the scene's
		// registered script is real, run with auto-run allowed, so that
		// the render below, which must not run it, proves something.
		{attack: "autorun", want: []string{"ATTACK autorun: the registered script ran on load"}},
	}
	t.Cleanup(func() { // after the subtests, which run in parallel
		select {
		case a := <-accepted:
			t.Errorf("the box connected to the host's listener from %v", a)
		default:
		}
	})
	forEachBlender(t, func(t *testing.T, s *Sandbox, img blenderImage) {
		cfg := s.Config()
		for _, tc := range tests {
			t.Run(tc.attack, func(t *testing.T) {
				c := cfg
				c.Node += "-" + tc.attack
				c.WorkDir = t.TempDir()
				if tc.timeout > 0 {
					c.Timeout = tc.timeout
				}
				s := newSandbox(t, c, "blender")
				s.blenderArgs = func(l blender.Launch) []string {
					if l.Scene == "" {
						return l.Args // the probe
					}
					if tc.attack == "autorun" {
						// Blender's own command line with a scene, as a
						// user's double-click would run it.
						return append([]string{"-b", "--enable-autoexec", l.Scene}, l.Args[2:]...)
					}
					// Load the scene first and run its attack, then go on as
					// usual; the output dir goes last for the disk attack.
					args := append([]string{"-b", l.Scene, "--python-text", tc.attack}, l.Args[1:]...)
					return append(args, l.OutDir)
				}
				work := t.TempDir()
				bcfg := blender.DefaultConfig()
				bcfg.WorkDir = work
				b := newSandboxBlender(t, s, bcfg)
				start := time.Now()
				_, err := b.Render(context.Background(), renderer.Task{Scene: scene, Frame: 1, Width: 16, Height: 16, Samples: 1})
				if err == nil {
					t.Fatal("the attack's task succeeded")
				}
				msg := err.Error()
				t.Logf("after %v: %s", time.Since(start).Round(time.Millisecond), firstLines(msg, 4))
				for _, w := range tc.want {
					if !strings.Contains(msg, w) {
						t.Errorf("error lacks %q", w)
					}
				}
				for _, bad := range []string{"CONNECTED", "RESOLVED", "READ", "WRITTEN", "ALLOCATED", "FILLED", hex.EncodeToString(secret)} {
					if strings.Contains(msg, bad) {
						t.Errorf("the attack got through: %q in %s", bad, msg)
					}
				}
				if tc.is != nil && !errors.Is(err, tc.is) && (tc.orWant == "" || !strings.Contains(msg, tc.orWant)) {
					t.Errorf("error is not %v", tc.is)
				}
				b.Close()
				if ids := containers(t, s); len(ids) > 0 {
					t.Errorf("%d containers left", len(ids))
				}
				// Nothing on the host: no escape file anywhere, the node's dir
				// as it was, the renderer's work dir holding only the driver.
				for _, dir := range []string{escapeDir, nodeDir, work, filepath.Dir(scene)} {
					filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
						if err == nil && d.Name() == "escape" || d != nil && d.Name() == "fill" {
							t.Errorf("the box wrote %s on the host", p)
						}
						return nil
					})
				}
				if ents, _ := os.ReadDir(nodeDir); len(ents) != 2 {
					t.Errorf("node dir holds %d entries, want node.key and data", len(ents))
				}
			})
		}

		// The node is still healthy: a good scene renders in the same way,
		// and the backend, warm and cold, never runs the scene's
		// registered script (it would end Blender with "ATTACK autorun").
		cold := blender.DefaultConfig()
		cold.NoWarm = true
		for _, bcfg := range []blender.Config{blender.DefaultConfig(), cold} {
			b := newSandboxBlender(t, s, bcfg)
			if _, err := b.Inspect(context.Background(), scene); err != nil {
				t.Fatalf("NoWarm=%v: Inspect of the hostile scene without its attacks: %v", bcfg.NoWarm, err)
			}
			if _, err := b.Render(context.Background(), renderer.Task{Scene: scene, Frame: 1, Width: 16, Height: 16, Samples: 1}); err != nil {
				t.Fatalf("NoWarm=%v: the hostile scene without its attacks: %v", bcfg.NoWarm, err)
			}
			b.Close()
		}
	})
}

// hostIP is an address of this host other than loopback, which a box
// with a network would reach; 127.0.0.1 when there is none.
func hostIP() string {
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && n.IP.To4() != nil {
			return n.IP.String()
		}
	}
	return "127.0.0.1"
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}
