package blender

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// TestParseAnswer: the driver's message is found among Blender's own output
// by its prefix; noise, broken JSON and lines without the prefix are
// skipped.
func TestParseAnswer(t *testing.T) {
	tests := []struct {
		name    string
		out     string
		ok      bool
		devices []string
	}{
		{"alone", linePrefix + `{"devices":["CPU"]}`, true, []string{"CPU"}},
		{"among Blender's lines", "Blender 3.4.1\nRead prefs\n" + linePrefix + `{"devices":["CPU","CUDA:RTX 3090"]}` + "\nBlender quit\n", true, []string{"CPU", "CUDA:RTX 3090"}},
		{"after other text on the line", "Info: " + linePrefix + `{"devices":["CPU"]}`, true, []string{"CPU"}},
		{"CRLF", linePrefix + `{"devices":["CPU"]}` + "\r\n", true, []string{"CPU"}},
		{"broken JSON first", linePrefix + `{"devices":[` + "\n" + linePrefix + `{"devices":["CPU"]}`, true, []string{"CPU"}},
		{"no marker", `{"devices":["CPU"]}`, false, nil},
		{"marker without JSON", linePrefix + "hello", false, nil},
		{"empty", "", false, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, ok := parseAnswer(tc.out)
			if ok != tc.ok || !slices.Equal(m.Devices, tc.devices) {
				t.Errorf("parseAnswer = %q, %v; want %q, %v", m.Devices, ok, tc.devices, tc.ok)
			}
		})
	}
}

// TestDeviceKinds: a device list reads as its kinds, CPU first and each GPU
// kind once; an entry of another shape is an error naming it.
func TestDeviceKinds(t *testing.T) {
	tests := []struct {
		name    string
		devices []string
		want    []string
		wantErr string
	}{
		{"CPU only", []string{"CPU"}, []string{"CPU"}, ""},
		{"none listed", nil, []string{"CPU"}, ""},
		{"two CUDA cards and OptiX", []string{"CPU", "CUDA:RTX 3090", "CUDA:RTX 3090", "OPTIX:RTX 3090"}, []string{"CPU", "CUDA", "OPTIX"}, ""},
		{"a name with a colon", []string{"CPU", "HIP:AMD Radeon: RX 7900"}, []string{"CPU", "HIP"}, ""},
		{"no name", []string{"CPU", "CUDA:"}, nil, `"CUDA:"`},
		{"no kind", []string{"CPU", ":RTX"}, nil, `":RTX"`},
		{"lower-case kind", []string{"cuda:RTX"}, nil, `"cuda:RTX"`},
		{"CPU as a GPU kind", []string{"CPU:Xeon"}, nil, `"CPU:Xeon"`},
		{"garbage", []string{"\x00"}, nil, "want CPU or KIND:name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DeviceKinds(tc.devices)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("DeviceKinds(%q) = %q, %v; want an error naming %s", tc.devices, got, err, tc.wantErr)
				}
				return
			}
			if err != nil || !slices.Equal(got, tc.want) {
				t.Errorf("DeviceKinds(%q) = %q, %v; want %q", tc.devices, got, err, tc.want)
			}
		})
	}
}

// TestChooseDevice: a GPU kind the probe found is kept; one it did not
// find falls back to the CPU with a reason naming the kind and what Cycles
// saw.
func TestChooseDevice(t *testing.T) {
	tests := []struct {
		name, want string
		devices    []string
		device     string
		note       []string // all in the note; none means no note
	}{
		{"CPU", "CPU", []string{"CPU"}, "CPU", nil},
		{"CUDA found", "CUDA", []string{"CPU", "CUDA:RTX 3090"}, "CUDA", nil},
		{"CUDA missing", "CUDA", []string{"CPU"}, "CPU", []string{"no CUDA device", "only the CPU", "rendering on the CPU"}},
		{"OPTIX asked, CUDA found", "OPTIX", []string{"CPU", "CUDA:RTX 3090"}, "CPU", []string{"no OPTIX device", "CPU, CUDA"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			device, note, err := chooseDevice(tc.want, "3.4.1", tc.devices)
			if err != nil || device != tc.device {
				t.Fatalf("chooseDevice = %q, %v; want %q", device, err, tc.device)
			}
			if len(tc.note) == 0 && note != "" {
				t.Errorf("note %q, want none", note)
			}
			for _, w := range tc.note {
				if !strings.Contains(note, w) {
					t.Errorf("note %q, want %q in it", note, w)
				}
			}
		})
	}
	if _, _, err := chooseDevice("CUDA", "3.4.1", []string{"cuda"}); err == nil {
		t.Error("a malformed device list was accepted")
	}
}

// FuzzParseAnswer: any output, however hostile, parses without a panic,
// and a device list it yields reads as kinds or a clear error.
func FuzzParseAnswer(f *testing.F) {
	f.Add(linePrefix + `{"devices":["CPU","CUDA:RTX 3090"]}`)
	f.Add("Blender 3.4.1\n" + linePrefix + `{"probe":{"version":"3.4.1","kernel":"avx2"},"devices":["CPU"]}` + "\n")
	f.Add(linePrefix + `{"devices":["CPU",":"]}`)
	f.Add(linePrefix)
	f.Fuzz(func(t *testing.T, out string) {
		m, ok := parseAnswer(out)
		if !ok {
			return
		}
		kinds, err := DeviceKinds(m.Devices)
		if err == nil && (len(kinds) == 0 || kinds[0] != "CPU") {
			t.Fatalf("DeviceKinds(%q) = %q: want CPU first", m.Devices, kinds)
		}
	})
}

// TestDeviceFallback: asked for CUDA on a machine where Blender finds none,
// the renderer probes (one Blender run), renders on the CPU, advertises
// cycles-cpu and says why.
func TestDeviceFallback(t *testing.T) {
	if _, err := os.Stat("/dev/nvidia0"); err == nil {
		t.Skip("NOT TESTED: this machine has an NVIDIA GPU; the fallback needs one without")
	}
	r := newRenderer(t, Config{Device: "cuda"})
	if r.Device() != "CPU" || !strings.Contains(r.Version(), "/cycles-cpu-") {
		t.Errorf("Device() %q, Version() %q: want the CPU", r.Device(), r.Version())
	}
	if note := r.DeviceNote(); !strings.Contains(note, "no CUDA device") || !strings.Contains(note, "only the CPU") {
		t.Errorf("DeviceNote() = %q, want it to say Blender found no CUDA device, only the CPU", note)
	}
	t.Logf("note: %s", r.DeviceNote())
}
