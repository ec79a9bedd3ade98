package main

import (
	"bytes"
	"errors"
	"log/slog"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"github.com/conun/conun/renderer/sandbox"
)

// TestGPUDevice: the device a node asks its Blender for, and what it says
// at start, for each mix of --blender-device, --gpus and sandbox.
func TestGPUDevice(t *testing.T) {
	noRuntime := errors.New("sandbox: the Docker Engine cannot pass GPUs into containers: install nvidia-container-toolkit")
	tests := []struct {
		name       string
		device     string
		gpus       string
		sandboxed  bool
		noGPU      error
		wantDevice string
		wantSaid   []string // all in the log; none means silence
	}{
		{"CPU, no GPUs", "CPU", "none", true, nil, "CPU", nil},
		{"CUDA with GPUs the Engine passes", "cuda", "all", true, nil, "CUDA", nil},
		{"CUDA without --gpus", "CUDA", "none", true, nil, "CPU", []string{"--blender-device CUDA", "--gpus none", "pass --gpus all"}},
		{"CUDA, the Engine cannot", "CUDA", "0,1", true, noRuntime, "CPU", []string{"--gpus 0,1", "nvidia-container-toolkit", "offers no GPU device", "renders on the CPU"}},
		{"CPU, the Engine cannot", "CPU", "all", true, noRuntime, "CPU", []string{"--gpus all", "nvidia-container-toolkit"}},
		{"unsandboxed CUDA: Blender's probe decides", "CUDA", "none", false, nil, "CUDA", nil},
		{"unsandboxed --gpus", "CUDA", "all", false, nil, "CUDA", []string{"--gpus all applies only to the Docker sandbox"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			bo := defaultBlender()
			bo.Device = tc.device
			var err error
			if bo.GPUs, err = sandbox.ParseGPUs(tc.gpus); err != nil {
				t.Fatal(err)
			}
			var said bytes.Buffer
			gpuDevice(&bo, tc.sandboxed, true, tc.noGPU, slog.New(slog.NewTextHandler(&said, nil)))
			if bo.Device != tc.wantDevice {
				t.Errorf("device %q, want %q", bo.Device, tc.wantDevice)
			}
			if len(tc.wantSaid) == 0 && said.Len() > 0 {
				t.Errorf("said %q, want nothing", said.String())
			}
			for _, w := range tc.wantSaid {
				if !strings.Contains(said.String(), w) {
					t.Errorf("said %q, want %q in it", said.String(), w)
				}
			}
		})
	}
}

// TestNodeGPUFlagMistakes: a bad --gpus value stops the node at start with
// a usage error naming it.
func TestNodeGPUFlagMistakes(t *testing.T) {
	for _, v := range []string{"0,0", "0;1", "all,1"} {
		code, _, stderr := conun(t, "node", "--data", t.TempDir(), "--sandbox", "none", "--gpus", v)
		if code != 2 || !strings.Contains(stderr, "--gpus") {
			t.Errorf("--gpus %q: exit %d, %q; want 2 and a message naming --gpus", v, code, stderr)
		}
	}
}

// lockedBuffer is a node's log, written by exec's copying goroutine while
// the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestNodeOffersDevicesThatExist: on this machine (no GPU, a dockerd
// without an NVIDIA runtime) a node asked for CUDA starts, advertises
// cycles-cpu to the cluster and says why at start; one given --gpus says
// at start that the Engine cannot pass GPUs in, naming what to install.
func TestNodeOffersDevicesThatExist(t *testing.T) {
	skipShort(t, "node processes, Blender and dockerd")
	if _, err := os.Stat("/dev/nvidia0"); err == nil {
		t.Skip("NOT TESTED: this machine has an NVIDIA GPU; the fallback needs one without")
	}
	tests := []struct {
		name      string
		sandboxed bool
		args      []string
		wantSaid  []string
	}{
		{"unsandboxed CUDA", false, []string{"--sandbox", "none", "--renderers", "blender", "--blender-device", "CUDA"},
			[]string{"--blender-device CUDA: Blender", "found no CUDA device", "rendering on the CPU"}},
		{"sandboxed --gpus all", true, []string{"--sandbox", "docker", "--renderers", "pathtracer", "--gpus", "all"},
			[]string{"--gpus all: sandbox: the Docker Engine cannot pass GPUs into containers", "nvidia-container-toolkit", "offers no GPU device"}},
		{"sandboxed CUDA with --gpus 0,1", true, []string{"--sandbox", "docker", "--renderers", "blender", "--blender-device", "CUDA", "--gpus", "0,1"},
			[]string{"--gpus 0,1", "nvidia-container-toolkit", "--blender-device CUDA: the sandbox cannot pass a GPU in"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.sandboxed {
				needSandbox(t)
			} else {
				needBlender(t)
			}
			var log lockedBuffer
			cmd := exec.Command(os.Args[0], append([]string{"node", "--fast-failure", "--data", t.TempDir(),
				"--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0"}, tc.args...)...)
			cmd.Env = append(os.Environ(), "CONUN_TEST_MAIN=1")
			cmd.Stderr = &log
			n := startNodeCmd(t, cmd, tc.sandboxed)
			for _, w := range tc.wantSaid {
				if !strings.Contains(log.String(), w) {
					t.Errorf("log at start %q: want %q in it", log.String(), w)
				}
			}
			_, out, _ := conun(t, "nodes", "--node", n.url)
			if strings.Contains(out, "cycles-cuda") || strings.Contains(tc.name, "CUDA") && !strings.Contains(out, "cycles-cpu") {
				t.Errorf("conun nodes:\n%s\nwant cycles-cpu, no cycles-cuda", out)
			}
			t.Logf("conun nodes:\n%s", out)
		})
	}
}
