//go:build linux && cgo

package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestNodeGLRenderer starts real node processes with --renderers
// pathtracer,gl: with Mesa's EGL (CI's llvmpipe) the node offers the CPU
// tracer, gl and gl-raster; with
// EGL pointed at no vendor library it still starts, offers the CPU tracer
// and says why gl is missing.
func TestNodeGLRenderer(t *testing.T) {
	tests := []struct {
		name   string
		env    []string
		wantGL bool
	}{
		{"mesa", nil, true},
		{"no EGL vendor", []string{"__EGL_VENDOR_LIBRARY_FILENAMES=/nonexistent.json", "__EGL_VENDOR_LIBRARY_DIRS=/nonexistent"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			logPath := filepath.Join(dir, "stderr")
			logFile, err := os.Create(logPath)
			if err != nil {
				t.Fatal(err)
			}
			defer logFile.Close()
			cmd := exec.Command(os.Args[0], "node", "--fast-failure", "--sandbox", "none", "--data", filepath.Join(dir, "data"),
				"--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0", "--renderers", "pathtracer,gl")
			cmd.Env = append(append(os.Environ(), "CONUN_TEST_MAIN=1"), tc.env...)
			cmd.Stderr = logFile
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
			first := make(chan string, 1)
			go func() {
				sc := bufio.NewScanner(stdout)
				if sc.Scan() {
					first <- sc.Text()
				}
				close(first)
			}()
			var line string
			select {
			case line = <-first:
			case <-time.After(2 * time.Minute):
				log, _ := os.ReadFile(logPath)
				t.Fatalf("node did not start: %s", log)
			}
			_, rends, ok := strings.Cut(line, ", renderers ")
			if !ok {
				log, _ := os.ReadFile(logPath)
				t.Fatalf("node printed %q; log: %s", line, log)
			}
			if !strings.HasPrefix(rends, "pathtracer pt-") {
				t.Errorf("renderers %q: want the CPU tracer first", rends)
			}
			hasGL := strings.Contains(rends, ", gl gl-")
			if hasGL != tc.wantGL {
				t.Errorf("renderers %q: gl offered %v, want %v", rends, hasGL, tc.wantGL)
			}
			// gl brings the raster preview with it, on the same terms.
			if hasRaster := strings.Contains(rends, ", gl-raster glr-"); hasRaster != tc.wantGL {
				t.Errorf("renderers %q: gl-raster offered %v, want %v", rends, hasRaster, tc.wantGL)
			}
			if !tc.wantGL {
				log, _ := os.ReadFile(logPath)
				i := strings.Index(string(log), "--renderers gl: not offered")
				if i < 0 {
					t.Fatalf("the node did not say why gl is not offered; its log: %s", log)
				}
				why, _, _ := strings.Cut(string(log[i:]), "\n")
				t.Log(why)
				if !strings.Contains(string(log), "--renderers gl-raster: not offered") {
					t.Errorf("the node did not say why gl-raster is not offered; its log: %s", log)
				}
			}
		})
	}
}
