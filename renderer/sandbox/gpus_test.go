package sandbox

import (
	"context"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/renderer/blender"
	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/system"
)

// TestParseGPUs: --gpus takes all, none or a list of ids, and names what
// is wrong with anything else.
func TestParseGPUs(t *testing.T) {
	tests := []struct {
		in      string
		want    GPUs
		wantErr string
	}{
		{"", GPUs{}, ""},
		{"none", GPUs{}, ""},
		{"all", GPUs{All: true}, ""},
		{"0", GPUs{IDs: []string{"0"}}, ""},
		{"0,1", GPUs{IDs: []string{"0", "1"}}, ""},
		{" 0 , 1 ", GPUs{IDs: []string{"0", "1"}}, ""},
		{"GPU-6f2c1e2a-0000-1111-2222-333344445555", GPUs{IDs: []string{"GPU-6f2c1e2a-0000-1111-2222-333344445555"}}, ""},
		{"0,0", GPUs{}, "GPU 0 is named twice"},
		{"0,", GPUs{}, `GPU id ""`},
		{"all,0", GPUs{}, `GPU id "all"`},
		{"0;1", GPUs{}, `GPU id "0;1"`},
		{"device=0", GPUs{}, `GPU id "device=0"`},
		{strings.Repeat("1,", 64) + "1", GPUs{}, "at most 64"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseGPUs(tc.in)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !strings.Contains(err.Error(), "--gpus") {
					t.Fatalf("ParseGPUs(%q) = %+v, %v; want an error naming --gpus and %s", tc.in, got, err, tc.wantErr)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("ParseGPUs(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
			}
		})
	}
}

// FuzzParseGPUs: any value parses or fails without a panic, and what
// parses prints as a value that parses back the same.
func FuzzParseGPUs(f *testing.F) {
	for _, s := range []string{"all", "none", "0,1", "GPU-6f2c", "0,,1", "all,0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		g, err := ParseGPUs(s)
		if err != nil {
			return
		}
		back, err := ParseGPUs(g.String())
		if err != nil || !reflect.DeepEqual(back, g) {
			t.Fatalf("ParseGPUs(%q) = %+v, printed %q, read back %+v, %v", s, g, g.String(), back, err)
		}
	})
}

// TestContainerGPUs: the container a GPU task runs in asks the Engine for
// the node's --gpus (DeviceIDs for a list, Count -1 for all, the gpu
// capability); a CPU task's asks for none.
func TestContainerGPUs(t *testing.T) {
	gpu := [][]string{{"gpu"}}
	tests := []struct {
		name  string
		gpus  string
		asks  bool
		wants []container.DeviceRequest
	}{
		{"a list", "0,1", true, []container.DeviceRequest{{DeviceIDs: []string{"0", "1"}, Capabilities: gpu}}},
		{"all", "all", true, []container.DeviceRequest{{Count: -1, Capabilities: gpu}}},
		{"a CPU task", "0,1", false, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testConfig(t)
			var err error
			if cfg.GPUs, err = ParseGPUs(tc.gpus); err != nil {
				t.Fatal(err)
			}
			s, err := New(cfg) // connects lazily: no Engine is asked anything
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			_, host := s.containerConfig(spec{kind: "blender", image: "img", cmd: []string{"blender", "-b"}, gpu: tc.asks})
			if !reflect.DeepEqual(host.DeviceRequests, tc.wants) {
				t.Errorf("DeviceRequests = %+v, want %+v", host.DeviceRequests, tc.wants)
			}
			if !host.ReadonlyRootfs || host.NetworkMode != "none" {
				t.Errorf("a GPU container lost the sandbox's limits: %+v", host)
			}
		})
	}
}

// TestGPUSupport: docker info with an nvidia runtime, an NVIDIA CDI device
// or the NVIDIA hook can pass GPUs; without, the error names what to
// install.
func TestGPUSupport(t *testing.T) {
	runc := map[string]system.RuntimeWithStatus{"runc": {}}
	tests := []struct {
		name string
		info system.Info
		hook string
		ok   bool
	}{
		{"runc only", system.Info{Runtimes: runc}, "", false},
		{"nvidia runtime", system.Info{Runtimes: map[string]system.RuntimeWithStatus{"runc": {}, "nvidia": {}}}, "", true},
		{"NVIDIA CDI device", system.Info{Runtimes: runc, DiscoveredDevices: []system.DeviceInfo{{Source: "cdi", ID: "nvidia.com/gpu=0"}}}, "", true},
		{"another CDI device", system.Info{Runtimes: runc, DiscoveredDevices: []system.DeviceInfo{{Source: "cdi", ID: "vendor.com/fpga=0"}}}, "", false},
		{"the hook on PATH", system.Info{Runtimes: runc}, "/usr/bin/nvidia-container-runtime-hook", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := gpuSupport(tc.info, tc.hook)
			if tc.ok != (err == nil) {
				t.Fatalf("gpuSupport = %v, want ok %v", err, tc.ok)
			}
			if err != nil && (!errors.Is(err, ErrNoGPURuntime) || !strings.Contains(err.Error(), "nvidia-container-toolkit") || !strings.Contains(err.Error(), "runc")) {
				t.Errorf("error %q: want ErrNoGPURuntime naming nvidia-container-toolkit and the runtimes there are", err)
			}
		})
	}
}

// TestCheckGPUsHere: this machine's dockerd has no NVIDIA runtime, and
// CheckGPUs says so, naming what to install.
func TestCheckGPUsHere(t *testing.T) {
	s := newSandbox(t, testConfig(t))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := s.CheckGPUs(ctx)
	if err == nil {
		if _, statErr := os.Stat("/dev/nvidia0"); statErr == nil {
			t.Skip("NOT TESTED: this machine's Engine can pass GPUs; the refusal needs one that cannot")
		}
		t.Fatal("CheckGPUs passed on an Engine without an NVIDIA runtime or device")
	}
	if !errors.Is(err, ErrNoGPURuntime) || !strings.Contains(err.Error(), "nvidia-container-toolkit") {
		t.Fatalf("CheckGPUs = %v, want ErrNoGPURuntime naming nvidia-container-toolkit", err)
	}
	t.Logf("CheckGPUs: %v", err)
}

// TestBlenderGPUWithoutGPUs: a GPU device in a sandbox that passes no GPU
// is refused before any container starts, naming --gpus.
func TestBlenderGPUWithoutGPUs(t *testing.T) {
	s, err := New(testConfig(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Blender(blender.Config{Device: "CUDA"}); err == nil || !strings.Contains(err.Error(), "--gpus") {
		t.Fatalf("Blender(CUDA) with no GPUs: %v, want a refusal naming --gpus", err)
	}
}
