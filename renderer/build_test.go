package renderer

import (
	"context"
	"strings"
	"testing"
)

func TestVersionAtLeast(t *testing.T) {
	tests := []struct {
		version, min string
		want         bool
	}{
		{"blender-4.3.2/cycles-cpu-avx2", "4.3", true},
		{"blender-4.3.2/cycles-cpu-avx2+oidn", "4.3", true},
		{"blender-3.4.1/cycles-cpu-avx2", "4.3", false},
		{"blender-4.2.9/cycles-cuda", "4.3", false},
		{"blender-5.0.0/cycles-optix", "4.3", true},
		{"blender-4.3.2/cycles-cpu", "4.3.2", true},
		{"blender-4.3.2/cycles-cpu", "4.3.3", false},
		{"blender-4/cycles-cpu", "4.0", true},
		{"blender-4/cycles-cpu", "4.1", false},
		{"blender-10.1.0/x", "9.9", true}, // numbers, not strings
		{"pt-1", "1", true},
		{"pathtracer", "1", false}, // no numbers: not known to be new enough
		{"blender-x.y/z", "4.3", false},
		{"blender-4.3.2/z", "four", false},
	}
	for _, tc := range tests {
		if got := ParseBuild(tc.version).AtLeast(tc.min); got != tc.want {
			t.Errorf("ParseBuild(%q).AtLeast(%q) = %v, want %v", tc.version, tc.min, got, tc.want)
		}
	}
}

func TestHasFeature(t *testing.T) {
	tests := []struct {
		version, feature string
		want             bool
	}{
		{"blender-3.4.1/cycles-cpu-avx2+oidn+gl", "gl", true},
		{"blender-3.4.1/cycles-cpu-avx2+oidn+gl", "oidn", true},
		{"blender-3.4.1/cycles-cpu-avx2+oidn", "gl", false},
		{"blender-3.4.1/cycles-cpu-avx2", "oidn", false},
		{"blender-3.4.1/cycles-cpu-avx2+glx", "gl", false},
		{"pt-1", "gl", false},
		{"", "gl", false},
	}
	for _, tc := range tests {
		if got := ParseBuild(tc.version).Has(tc.feature); got != tc.want {
			t.Errorf("ParseBuild(%q).Has(%q) = %v, want %v", tc.version, tc.feature, got, tc.want)
		}
	}
}

func TestReleaseAndDrawnBy(t *testing.T) {
	tests := []struct{ build, release, drawn string }{
		{"blender-3.4.1/cycles-cpu-avx2+oidn+gl", "blender-3.4.1", "blender-3.4.1/cycles-cpu-avx2"},
		{"blender-4.3.2/cycles-cuda", "blender-4.3.2", "blender-4.3.2/cycles-cuda"},
		{"pt-1", "pt-1", "pt-1"},
		{"pt-1+gl", "pt-1", "pt-1"},
		{"", "", ""},
	}
	for _, tc := range tests {
		if r, d := ParseBuild(tc.build).Release(), ParseBuild(tc.build).Drawn(); r != tc.release || d != tc.drawn {
			t.Errorf("%q: release %q, drawn by %q; want %q, %q", tc.build, r, d, tc.release, tc.drawn)
		}
	}
}

func TestBuildRoundTrip(t *testing.T) {
	for _, s := range []string{"blender-3.4.1/cycles-cpu-avx2+oidn+gl", "blender-4.3.2/cycles-cuda", "pt-1", "pt-1+gl", "instant", ""} {
		if got := ParseBuild(s).String(); got != s {
			t.Errorf("ParseBuild(%q).String() = %q", s, got)
		}
	}
	b := Build{Name: "blender", Version: "5.2.2", Device: "cycles-cpu-avx2", Features: []string{"gl"}}
	if b.String() != "blender-5.2.2/cycles-cpu-avx2+gl" || !b.OnDevice("CPU") || b.OnDevice("CUDA") {
		t.Errorf("%+v: %q", b, b.String())
	}
}

// versioned is a Renderer of a given build (only Version is called).
type versioned struct {
	Renderer
	build string
}

func (v versioned) Version() string { return v.build }

// finishing is a versioned renderer that is a Finisher.
type finishing struct{ versioned }

func (finishing) Finish(context.Context, FinishTask) (FinishResult, error) {
	return FinishResult{}, nil
}

// TestAdvertised: a node advertises +finish exactly when its renderer is a
// Finisher, once, after the build's own features.
func TestAdvertised(t *testing.T) {
	tests := []struct {
		name string
		r    Renderer
		want string
	}{
		{"renders only", versioned{build: "blender-3.4.1/cycles-cpu+gl"}, "blender-3.4.1/cycles-cpu+gl"},
		{"finishes", finishing{versioned{build: "blender-3.4.1/cycles-cpu+gl"}}, "blender-3.4.1/cycles-cpu+gl+finish"},
		{"says so itself", finishing{versioned{build: "blender-4.3.2/cycles-cpu+finish"}}, "blender-4.3.2/cycles-cpu+finish"},
		{"a build without a device", finishing{versioned{build: "pt-1"}}, "pt-1+finish"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Advertised(tc.r); got != tc.want {
				t.Fatalf("Advertised = %q, want %q", got, tc.want)
			}
			if !ParseBuild(Advertised(tc.r)).Has(FeatureFinish) == strings.HasSuffix(tc.want, "+finish") {
				t.Fatalf("%q: Has(finish) disagrees with the build", tc.want)
			}
		})
	}
}
